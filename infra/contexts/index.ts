import { readdirSync } from 'node:fs';
import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

type ContextClass = new (scope: Construct, id: string, props: ContextConstructProps) => ContextConstruct;

/** The folder's own modules: not contexts. */
const NOT_A_CONTEXT = new Set(['index']);

/**
 * Contexts whose AWS side needs more than their wiring says (files beside a bundle, access to
 * another service, another context's items), found by convention: `infra/contexts/<name>.ts`
 * (`<name>` the wiring's name) whose default export is a subclass of ContextConstruct. What
 * runs where still comes only from the wiring; a context without a file here is built by the
 * generic ContextConstruct. Nothing lists them: adding the file is all it takes.
 */
export const CONTEXT_CONSTRUCTS: Readonly<Record<string, ContextClass>> = Object.fromEntries(
  await Promise.all(
    readdirSync(new URL('.', import.meta.url))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts') && !NOT_A_CONTEXT.has(file.slice(0, -3)))
      .sort()
      .map(async (file): Promise<[string, ContextClass]> => {
        const { default: Class } = (await import(new URL(file, import.meta.url).href)) as { default?: unknown };
        if (typeof Class !== 'function' || !(Class.prototype instanceof ContextConstruct)) {
          throw new Error(`infra/contexts/${file} must export its context's construct as \`export default class … extends ContextConstruct\``);
        }
        return [file.slice(0, -3), Class as ContextClass];
      }),
  ),
);

/** The construct id of a context: `partners` → `Partners`, `deal-registration` → `DealRegistration`. */
export const contextId = (name: string): string => name.replace(/(^|[-_])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());

/** Builds one context from its wiring. */
export function buildContext(scope: Construct, props: ContextConstructProps): ContextConstruct {
  const Class = CONTEXT_CONSTRUCTS[props.wiring.name] ?? ContextConstruct;
  return new Class(scope, contextId(props.wiring.name), props);
}
