import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, ConfigError, readConfig } from '../../infra/config.ts';
import { cdkJsonContext } from './synth.ts';

const configOf = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('stack configuration from CDK context', () => {
  it('defaults to stage dev, no CORS, 30-day logs, no alarm e-mail and 5 reserved executions for the relay and each consumer, also from cdk.json', () => {
    expect(configOf({})).toEqual({ stage: 'dev', corsOrigins: [], logRetentionDays: 30, relayConcurrency: 5, consumerConcurrency: 5 });
    expect(configOf(cdkJsonContext())).toEqual({ ...CONFIG_DEFAULTS, corsOrigins: [] });
  });

  it('reads command-line strings: a comma list of origins, a number of days, an address', () => {
    expect(
      configOf({
        stage: 'prod',
        corsOrigins: 'https://portal.example.com, http://localhost:5173,https://portal.example.com',
        logRetentionDays: '365',
        alarmEmail: 'ops@example.com',
        relayConcurrency: '8',
        consumerConcurrency: '2',
      }),
    ).toEqual({
      stage: 'prod',
      corsOrigins: ['https://portal.example.com', 'http://localhost:5173'],
      logRetentionDays: 365,
      alarmEmail: 'ops@example.com',
      relayConcurrency: 8,
      consumerConcurrency: 2,
    });
    expect(configOf({ corsOrigins: ['https://a.example.com'] }).corsOrigins).toEqual(['https://a.example.com']);
  });

  it.each([
    ['stage', 'Prod'],
    ['stage', 'a-stage-name-that-is-far-too-long'],
    ['stage', 'dev_1'],
    ['corsOrigins', 'portal.example.com'],
    ['corsOrigins', 'https://portal.example.com/app'],
    ['corsOrigins', 'http://portal.example.com'],
    ['corsOrigins', '*'],
    ['logRetentionDays', '31'],
    ['logRetentionDays', 'forever'],
    ['alarmEmail', 'ops-at-example.com'],
    ['relayConcurrency', '0'],
    ['relayConcurrency', '2.5'],
    ['relayConcurrency', '101'],
    ['consumerConcurrency', '1'],
    ['consumerConcurrency', 'many'],
  ])('refuses %s=%j and names the key', (key, value) => {
    expect(() => configOf({ [key]: value })).toThrow(ConfigError);
    expect(() => configOf({ [key]: value })).toThrow(`"${key}"`);
  });
});
