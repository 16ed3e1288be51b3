import { defineConfig } from 'vitest/config';

/**
 * Test files that need neither DynamoDB Local (so no Java) nor a CDK synth, under test/: they
 * run with the unit tests. Every other test/ file is an integration test.
 */
const PURE_TEST_FILES = [
  'test/bench/capacity/**/*.test.ts',
  'test/contract/generated.test.ts',
  'test/contract/events.test.ts',
  'test/contract/patterns.test.ts',
  'test/contract/openapi-constraints.test.ts',
  'test/contract/response-validator.test.ts',
  'test/contract/bundle-budget.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['node_modules/**'],
    pool: 'forks',
    // Three, on two cores: the integration files mostly wait on the one DynamoDB Local, and a third
    // worker keeps it busy (a full run on 2 cores: 579 s of tests against 632–674 s with two).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The handlers' Lambda timeout, 10 min: under a full run's load a request may take longer than
    // the local 29 s, and a slow machine must not fail a test (packages/local/src/lambda-context.ts).
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', CHANNELBASE_INVOCATION_TIMEOUT_MS: String(10 * 60_000) },
    projects: [
      {
        // `npm run test:unit`: the domain, the platform and the handlers' pure parts, in seconds, without Java.
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'functions/**/*.test.ts', 'scripts/**/*.test.ts', ...PURE_TEST_FILES],
        },
      },
      {
        // `npm run test:integration`: against one DynamoDB Local per run (every test file gets its own table), and the CDK synth tests.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts', 'infra/**/*.test.ts'],
          exclude: ['node_modules/**', ...PURE_TEST_FILES],
          globalSetup: ['test/support/global-setup.ts'],
          // A guard against hangs, not a timed assertion: the workers share one DynamoDB Local,
          // and a concurrency test (50 registrations at once, a 500-lead batch) that takes 8 s
          // alone took over 30 s beside the fuzz suite in a full run.
          testTimeout: 120_000,
        },
      },
    ],
  },
});
