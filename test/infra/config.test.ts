import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CONFIG_DEFAULTS, ConfigError, readConfig } from '../../infra/config.ts';
import { cdkJsonContext } from './synth.ts';

const configOf = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('stack configuration from CDK context', () => {
  it('defaults to stage dev, no CORS, 30-day logs, no alarm e-mail, 5 reserved executions for the relay and each consumer and 7-day invitations, also from cdk.json', () => {
    expect(configOf({})).toEqual({
      stage: 'dev',
      corsOrigins: [],
      logRetentionDays: 30,
      relayConcurrency: 5,
      consumerConcurrency: 5,
      invitationDays: 7,
      schedules: {},
    });
    expect(configOf(cdkJsonContext())).toEqual({ ...CONFIG_DEFAULTS, corsOrigins: [], schedules: {} });
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
      invitationDays: 7,
      schedules: {},
    });
    expect(configOf({ corsOrigins: ['https://a.example.com'] }).corsOrigins).toEqual(['https://a.example.com']);
  });

  // Promise: a deployment moves a cron job (the settlement schedule) with a JSON object of "minute hour day"; anything else fails synth naming the key.
  it('reads schedule times, as JSON from the command line or as an object from cdk.json, and refuses malformed ones', () => {
    expect(configOf({ schedules: '{"incentives.settlement-schedule":"30 3 2"}' }).schedules).toEqual({
      'incentives.settlement-schedule': { minute: 30, hour: 3, dayOfMonth: 2 },
    });
    expect(configOf({ schedules: { 'incentives.settlement-schedule': '0 4 *' } }).schedules).toEqual({
      'incentives.settlement-schedule': { minute: 0, hour: 4, dayOfMonth: null },
    });
    for (const bad of ['{"incentives.settlement-schedule":"0 2 31"}', '{"incentives.settlement-schedule":"60 2 1"}', '{"x":"0 2 1"}', 'not json', '["0 2 1"]'])
      expect(() => configOf({ schedules: bad }), bad).toThrow(/schedules/);
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
    ['tableName', 'x'],
    ['cursorKeyVersion', 'not a version'],
    ['cursorKeyVersion', 'AWSCURRENT'],
    ['invitationDays', '0'],
    ['invitationDays', '366'],
    ['invitationDays', '2.5'],
    ['sesFromEmail', 'no-reply-at-example.com'],
    ['sesReplyTo', 'help@example.com'],
  ])('refuses %s=%j and names the key', (key, value) => {
    expect(() => configOf({ [key]: value })).toThrow(ConfigError);
    expect(() => configOf({ [key]: value })).toThrow(`"${key}"`);
  });

  it('reads an existing table with its stream, which must be that table’s', () => {
    const stream = 'arn:aws:dynamodb:eu-west-1:123456789012:table/channelbase-restored/stream/2026-12-01T10:00:00.000';
    expect(configOf({ tableName: 'channelbase-restored', tableStreamArn: stream }).existingTable).toEqual({ name: 'channelbase-restored', streamArn: stream });
    expect(() => configOf({ tableName: 'channelbase-restored' })).toThrow('"tableStreamArn"');
    expect(() => configOf({ tableName: 'other-table', tableStreamArn: stream })).toThrow('"tableStreamArn"');
    expect(() => configOf({ tableStreamArn: stream })).toThrow('"tableName"');
  });

  it('reads the cursor key versions; a previous one needs a current one, and another', () => {
    const a = '11111111-2222-4333-8444-555555555555';
    const b = '66666666-7777-4888-8999-000000000000';
    expect(configOf({ cursorKeyVersion: a }).cursorKey).toEqual({ version: a });
    expect(configOf({ cursorKeyVersion: a, previousCursorKeyVersion: b }).cursorKey).toEqual({ version: a, previousVersion: b });
    expect(() => configOf({ previousCursorKeyVersion: b })).toThrow('"cursorKeyVersion"');
    expect(() => configOf({ cursorKeyVersion: a, previousCursorKeyVersion: a })).toThrow('"previousCursorKeyVersion"');
  });

  it('reads the invitation window and SES sending', () => {
    expect(configOf({ invitationDays: '14' }).invitationDays).toBe(14);
    expect(
      configOf({
        sesFromEmail: 'no-reply@vendor.example',
        sesFromName: 'Vendor Partner Portal',
        sesReplyTo: 'partners@vendor.example',
        sesVerifiedDomain: 'vendor.example',
        sesRegion: 'eu-west-1',
        sesConfigurationSet: 'channelbase-prod',
      }).ses,
    ).toEqual({
      fromEmail: 'no-reply@vendor.example',
      fromName: 'Vendor Partner Portal',
      replyTo: 'partners@vendor.example',
      verifiedDomain: 'vendor.example',
      region: 'eu-west-1',
      configurationSet: 'channelbase-prod',
    });
    expect(configOf({}).ses).toBeUndefined();
  });

  it.each([
    [{ sesFromEmail: 'no-reply@vendor.example', sesVerifiedDomain: 'other.example' }, 'sesVerifiedDomain'],
    [{ sesFromEmail: 'no-reply@mail.vendor.example', sesVerifiedDomain: 'vendor.example' }, 'sesVerifiedDomain'],
    [{ sesFromEmail: 'no-reply@vendor.example', sesRegion: 'Ireland' }, 'sesRegion'],
    [{ sesFromEmail: 'no-reply@vendor.example', sesFromName: 'Bad <name>' }, 'sesFromName'],
    [{ sesFromEmail: 'no-reply@vendor.example', sesConfigurationSet: 'has space' }, 'sesConfigurationSet'],
    [{ sesRegion: 'eu-west-1' }, 'sesRegion'],
  ])('refuses SES settings that cannot work (%j)', (context, key) => {
    expect(() => configOf(context)).toThrow(`"${key}"`);
  });
});
