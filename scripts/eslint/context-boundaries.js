// @ts-check
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * The walls between bounded contexts (docs/architecture.md, "How contexts talk"). A context
 * is a folder `functions/<ctx>/` (handlers) or `packages/core/src/<ctx>/` (domain); the
 * shared kernel (`packages/core/src/kernel`) is no context, and `functions/contexts.ts` (the
 * registry, which also assembles the event catalogue) sits outside every context.
 *
 * - `functions/<a>/…` may import another context's handlers only through its public module,
 *   `functions/<b>/index.ts`, and no other context's domain (`@channelbase/core/<b>` or
 *   `packages/core/src/<b>/…`): `functions/<b>/index.ts` re-exports what others need.
 * - `packages/core/src/<a>/…` may import another context only through `../<b>/index.ts`
 *   (or `@channelbase/core/<b>`, which is that module).
 */

/** `packages/core/src/<dir>` folders that are shared by every context. */
export const SHARED_CORE = ['kernel'];
const CORE_PACKAGE = '@channelbase/core';
const PUBLIC_MODULES = ['index.ts', 'index.js'];

/**
 * Where a repository path sits: its layer and context, or undefined outside every context.
 * @param {string} path repository-relative, `/`-separated
 * @returns {{ layer: 'functions' | 'core', context: string, rest: string } | undefined}
 */
export function locate(path) {
  const fn = /^functions\/([^/]+)\/(.+)$/.exec(path);
  if (fn) return { layer: 'functions', context: /** @type {string} */ (fn[1]), rest: /** @type {string} */ (fn[2]) };
  const core = /^packages\/core\/src\/([^/]+)\/(.+)$/.exec(path);
  if (core && !SHARED_CORE.includes(/** @type {string} */ (core[1]))) {
    return { layer: 'core', context: /** @type {string} */ (core[1]), rest: /** @type {string} */ (core[2]) };
  }
  return undefined;
}

/** @param {string} p */
const posix = (p) => p.split(sep).join('/');

/** @type {import('eslint').Rule.RuleModule} */
export const contextBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Imports across bounded contexts go through the other context's public module (index.ts)." },
    schema: [],
    messages: {
      internal: "{{from}} may not import {{target}}: another context's internals. Import functions/{{context}}/index.ts (the public module) instead.",
      coreInternal: "{{from}} may not import {{target}}: another context's internals. Import ../{{context}}/index.ts instead.",
      domain:
        "functions/{{from}} may not import the {{context}} context's domain ({{target}}). Go through functions/{{context}}/index.ts, which re-exports what other contexts need.",
    },
  },
  create(context) {
    const root = context.cwd;
    const file = posix(relative(root, context.filename));
    const here = locate(file);
    if (!here) return {};

    /** @param {import('estree').Node} node @param {unknown} value */
    const check = (node, value) => {
      if (typeof value !== 'string') return;
      // The core package: `@channelbase/core/<b>` is context b's public module.
      if (value === CORE_PACKAGE || value.startsWith(`${CORE_PACKAGE}/`)) {
        const b = value.slice(CORE_PACKAGE.length + 1).split('/')[0];
        if (here.layer === 'functions' && b && b !== here.context && !SHARED_CORE.includes(b)) {
          context.report({ node, messageId: 'domain', data: { from: here.context, context: b, target: value } });
        }
        return;
      }
      if (!value.startsWith('.')) return;
      const resolved = posix(normalize(join(dirname(isAbsolute(context.filename) ? context.filename : join(root, context.filename)), value)));
      const target = locate(posix(relative(root, resolved)));
      if (!target) return;
      if (target.layer === here.layer) {
        if (target.context === here.context || PUBLIC_MODULES.includes(target.rest)) return;
        const messageId = here.layer === 'functions' ? 'internal' : 'coreInternal';
        context.report({ node, messageId, data: { from: file, context: target.context, target: value } });
      } else if (here.layer === 'functions' && target.context !== here.context) {
        context.report({ node, messageId: 'domain', data: { from: here.context, context: target.context, target: value } });
      }
    };

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

/** The local plugin: `channelbase/context-boundaries`. */
export default { meta: { name: 'channelbase' }, rules: { 'context-boundaries': contextBoundaries } };
