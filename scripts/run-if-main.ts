import { pathToFileURL } from 'node:url';

/**
 * Runs a command-line script's `main` when the module is the one node was started with (not
 * when a test imports it): a failure prints its message and exits with status 1.
 * @example runIfMain(import.meta.url, main);
 */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
