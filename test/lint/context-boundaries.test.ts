import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { contextBoundaries, locate } from '../../scripts/eslint/context-boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' } });
/** The rule resolves paths from ESLint's working directory, the repository root when vitest runs. */
const at = (path: string) => join(process.cwd(), path);

describe('locate', () => {
  it('knows the contexts of both layers, and what is shared', ({ expect }) => {
    expect(locate('functions/partners/api.ts')).toEqual({ layer: 'functions', context: 'partners', rest: 'api.ts' });
    expect(locate('packages/core/src/deal-registration/model.ts')).toEqual({ layer: 'core', context: 'deal-registration', rest: 'model.ts' });
    expect(locate('functions/contexts.ts')).toBeUndefined();
    expect(locate('packages/core/src/kernel/ids.ts')).toBeUndefined();
    expect(locate('packages/platform/src/wiring.ts')).toBeUndefined();
  });
});

tester.run('context-boundaries', contextBoundaries, {
  valid: [
    // Function layer: its own files, its own domain, the shared kernel, the other context's public module.
    { filename: at('functions/onboarding/api.ts'), code: "import { getApplication } from './repository.ts';" },
    { filename: at('functions/onboarding/api.ts'), code: "import { approve } from '@channelbase/core/onboarding';" },
    { filename: at('functions/onboarding/api.ts'), code: "import { makeEvent } from '@channelbase/core';" },
    { filename: at('functions/onboarding/api.ts'), code: "import { createPartner } from '../partners/index.ts';" },
    { filename: at('functions/onboarding/api.ts'), code: "export { createPartner } from '../partners/index.ts';" },
    { filename: at('functions/onboarding/api.ts'), code: "import { commit } from '@channelbase/platform';" },
    { filename: at('functions/deal-registration/api.ts'), code: "import { partnerProfile } from '../partners/index.ts';" },
    // The registry imports every wiring.
    { filename: at('functions/contexts.ts'), code: "import { partnersWiring } from './partners/wiring.ts';" },
    // Core layer: its own files, the kernel, the other context's public module (either spelling).
    { filename: at('packages/core/src/onboarding/model.ts'), code: "import { x } from './lifecycle.ts';" },
    { filename: at('packages/core/src/onboarding/model.ts'), code: "import { ids } from '../kernel/ids.ts';" },
    { filename: at('packages/core/src/onboarding/model.ts'), code: "import type { Partner } from '../partners/index.ts';" },
    { filename: at('packages/core/src/onboarding/model.ts'), code: "import { partnerSchema } from '@channelbase/core/partners';" },
    // Outside the contexts the rule says nothing.
    { filename: at('test/api/onboarding.test.ts'), code: "import { getPartner } from '../../functions/partners/repository.ts';" },
    { filename: at('packages/local/src/seed.ts'), code: "import { putPartner } from '../../../functions/partners/repository.ts';" },
  ],
  invalid: [
    {
      filename: at('functions/onboarding/api.ts'),
      code: "import { getPartner } from '../partners/repository.ts';",
      errors: [{ messageId: 'internal', data: { from: 'functions/onboarding/api.ts', context: 'partners', target: '../partners/repository.ts' } }],
    },
    { filename: at('functions/onboarding/api.ts'), code: "import type { OrgKeyOn } from '../partners/org-keys.ts';", errors: [{ messageId: 'internal' }] },
    { filename: at('functions/onboarding/api.ts'), code: "export * from '../partners/repository.ts';", errors: [{ messageId: 'internal' }] },
    { filename: at('functions/onboarding/api.ts'), code: "const m = await import('../partners/repository.ts');", errors: [{ messageId: 'internal' }] },
    {
      filename: at('functions/onboarding/wiring.ts'),
      code: "import { partnerIdSchema } from '@channelbase/core/partners';",
      errors: [{ messageId: 'domain' }],
    },
    { filename: at('functions/partners/api.ts'), code: "import { organisationKeys } from '@channelbase/core/onboarding';", errors: [{ messageId: 'domain' }] },
    {
      filename: at('functions/partners/api.ts'),
      code: "import { organisationKeys } from '../../packages/core/src/onboarding/checks.ts';",
      errors: [{ messageId: 'domain' }],
    },
    // A context added later is walled in the same way.
    {
      filename: at('functions/deal-registration/api.ts'),
      code: "import { getPartner } from '../partners/repository.ts';",
      errors: [{ messageId: 'internal' }],
    },
    {
      filename: at('packages/core/src/onboarding/model.ts'),
      code: "import { partnerSchema } from '../partners/model.ts';",
      errors: [{ messageId: 'coreInternal', data: { from: 'packages/core/src/onboarding/model.ts', context: 'partners', target: '../partners/model.ts' } }],
    },
    {
      filename: at('packages/core/src/partners/lifecycle.ts'),
      code: "import type { Application } from '../onboarding/model.ts';",
      errors: [{ messageId: 'coreInternal' }],
    },
  ],
});
