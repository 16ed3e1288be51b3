import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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

/**
 * The table client of an operator's script: AWS credentials and `AWS_REGION` from the
 * environment, or DynamoDB Local when `DYNAMODB_ENDPOINT` is set (as `npm start` prints it).
 * `raw.destroy()` when done.
 */
export function tableClientFromEnv(): { raw: DynamoDBClient; client: DynamoDBDocumentClient } {
  const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;
  const raw = new DynamoDBClient({
    ...(process.env.AWS_REGION ? { region: process.env.AWS_REGION } : {}),
    ...(endpoint ? { endpoint, region: process.env.AWS_REGION ?? 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return { raw, client: DynamoDBDocumentClient.from(raw) };
}
