import type { Node } from 'constructs';
import { type ScheduleCron, isValidCron } from '@channelbase/platform/wiring';

/** What a deployment can be told through CDK context (`-c key=value` or `cdk.json`). */
export interface StackConfig {
  /** Names the stack (`Channelbase-<stage>`), the bus (`channelbase-<stage>`) and tags everything. */
  stage: string;
  /** Origins allowed to call the API from a browser; none means no CORS preflight at all. */
  corsOrigins: string[];
  /** Retention of every log group (Lambda and API access logs). */
  logRetentionDays: number;
  /** Where alarm notifications go; without it the SNS topic has no subscription. */
  alarmEmail?: string;
  /** Reserved concurrency of the outbox relay (docs/infrastructure.md, "Concurrency"). */
  relayConcurrency: number;
  /** Reserved concurrency of each subscription's consumer, and its queue's maximum concurrency. */
  consumerConcurrency: number;
  /**
   * An existing table the stack uses instead of creating its own (a table restored from
   * point-in-time recovery, docs/operations.md): its name and its stream's ARN.
   */
  existingTable?: { name: string; streamArn: string };
  /**
   * The Secrets Manager version ids of the cursor key: `version` signs and checks cursors,
   * `previousVersion` (during a rotation) still checks them. Naming a version is what makes
   * CloudFormation read the secret again (docs/operations.md, Rotating the cursor key).
   */
  cursorKey?: { version: string; previousVersion?: string };
  /**
   * Cognito's e-mail through Amazon SES instead of Cognito's own sender (a few dozen messages a
   * day for the whole pool). Absent: Cognito's sender.
   */
  ses?: SesConfig;
  /** Days a new user has to accept the invitation (first sign-in) before the address is released. */
  invitationDays: number;
  /**
   * A deployment's own times for cron jobs, by `<context>.<job id>`: `-c schedules='{"incentives.settlement-schedule":"0 3 2"}'`
   * (minute, hour, day of the month or `*`; UTC) settles at 03:00 on the 2nd instead of 02:00 on the 1st.
   */
  schedules: Record<string, ScheduleCron>;
}

/** SES sending for the user pool's e-mail (invitations, password resets). */
export interface SesConfig {
  /** The From address; its domain (or the address itself) must be a verified SES identity in `region`. */
  fromEmail: string;
  /** A display name for the From header. */
  fromName?: string;
  replyTo?: string;
  /** The verified SES domain identity (the From address's domain), when the address is verified through its domain. */
  verifiedDomain?: string;
  /** The SES region (default: the stack's; SES sending for Cognito exists in a subset of regions). */
  region?: string;
  /** An SES configuration set (event publishing, dedicated IPs). */
  configurationSet?: string;
}

/** The retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const CONFIG_DEFAULTS = {
  stage: 'dev',
  corsOrigins: [] as string[],
  logRetentionDays: 30,
  relayConcurrency: 5,
  consumerConcurrency: 5,
  invitationDays: 7,
} as const;

/** Reserved concurrency a function may be given here: at least 1 (the relay) or 2 (an SQS queue's maximum concurrency), at most 100. */
export const CONCURRENCY_LIMITS = { relayConcurrency: { min: 1, max: 100 }, consumerConcurrency: { min: 2, max: 100 } } as const;

/** A context value that synth refuses, with the reason. */
export class ConfigError extends Error {
  constructor(key: string, value: unknown, expected: string) {
    super(`Invalid CDK context "${key}"=${JSON.stringify(value)}: ${expected}`);
    this.name = 'ConfigError';
  }
}

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
/** DynamoDB's rule for table names. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
/** A Secrets Manager version id (a UUID as Secrets Manager makes them, or a client request token). */
const SECRET_VERSION = /^[A-Za-z0-9-]{32,64}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads and validates the stack configuration from CDK context; a bad value fails synth with
 * a message naming the key.
 * @example const config = readConfig(app.node); // -c stage=prod -c corsOrigins=https://portal.example.com
 */
export function readConfig(node: Node): StackConfig {
  const stage = text(node, 'stage') ?? CONFIG_DEFAULTS.stage;
  if (!STAGE.test(stage)) throw new ConfigError('stage', stage, 'lower-case letters, digits and dashes, starting with a letter, at most 20 characters');

  const corsOrigins = list(node, 'corsOrigins');
  for (const origin of corsOrigins) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    const exact = url && `${url.protocol}//${url.host}` === origin;
    const local = url?.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
    if (!url || !exact || !(url.protocol === 'https:' || local)) {
      throw new ConfigError('corsOrigins', origin, 'each origin is scheme://host[:port] with no path, https (or http for localhost)');
    }
  }

  const retentionRaw = node.tryGetContext('logRetentionDays');
  const logRetentionDays = retentionRaw === undefined || retentionRaw === '' ? CONFIG_DEFAULTS.logRetentionDays : Number(retentionRaw);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
    throw new ConfigError('logRetentionDays', retentionRaw, `one of ${LOG_RETENTION_DAYS.join(', ')}`);
  }

  const alarmEmail = text(node, 'alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) throw new ConfigError('alarmEmail', alarmEmail, 'an e-mail address');

  const relayConcurrency = integer(node, 'relayConcurrency');
  const consumerConcurrency = integer(node, 'consumerConcurrency');

  const existingTable = readExistingTable(node);
  const cursorKey = readCursorKey(node);

  const invitationRaw = node.tryGetContext('invitationDays');
  const invitationDays = invitationRaw === undefined || invitationRaw === '' ? CONFIG_DEFAULTS.invitationDays : Number(invitationRaw);
  // Cognito's temporary passwords last at most 365 days; the invitation window is theirs.
  if (!Number.isInteger(invitationDays) || invitationDays < 1 || invitationDays > 365) {
    throw new ConfigError('invitationDays', invitationRaw, 'a whole number of days from 1 to 365');
  }
  const ses = readSes(node);
  const schedules = readSchedules(node);

  return {
    stage,
    corsOrigins,
    logRetentionDays,
    ...(alarmEmail ? { alarmEmail } : {}),
    relayConcurrency,
    consumerConcurrency,
    ...(existingTable ? { existingTable } : {}),
    ...(cursorKey ? { cursorKey } : {}),
    ...(ses ? { ses } : {}),
    invitationDays,
    schedules,
  };
}

/** `schedules`: a JSON object of `<context>.<job id>` to `"<minute> <hour> <day of month or *>"`. */
function readSchedules(node: Node): Record<string, ScheduleCron> {
  const raw: unknown = node.tryGetContext('schedules');
  if (raw === undefined || raw === null || raw === '') return {};
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
  }
  const expected = 'a JSON object of "<context>.<job id>": "<minute> <hour> <day of month 1-28, or *>" (UTC)';
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('schedules', raw, expected);
  const out: Record<string, ScheduleCron> = {};
  for (const [job, value] of Object.entries(parsed)) {
    const m = typeof value === 'string' ? /^(\d{1,2}) (\d{1,2}) (\d{1,2}|\*)$/.exec(value.trim()) : null;
    const cron = m ? { minute: Number(m[1]), hour: Number(m[2]), dayOfMonth: m[3] === '*' ? null : Number(m[3]) } : undefined;
    if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(job) || !cron || !isValidCron(cron)) throw new ConfigError('schedules', raw, expected);
    out[job] = cron;
  }
  return out;
}

/** A whole number of concurrent executions within CONCURRENCY_LIMITS, or the default. */
function integer(node: Node, key: keyof typeof CONCURRENCY_LIMITS): number {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return CONFIG_DEFAULTS[key];
  const value = Number(raw);
  const { min, max } = CONCURRENCY_LIMITS[key];
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(key, raw, `a whole number from ${min} to ${max}`);
  return value;
}

/** `tableName` and `tableStreamArn` come together: the relay needs the table's stream. */
function readExistingTable(node: Node): StackConfig['existingTable'] {
  const name = text(node, 'tableName');
  const streamArn = text(node, 'tableStreamArn');
  if (name === undefined && streamArn === undefined) return undefined;
  if (name === undefined) throw new ConfigError('tableName', name, 'the existing table the stream tableStreamArn belongs to');
  if (!TABLE_NAME.test(name)) throw new ConfigError('tableName', name, 'a DynamoDB table name (3 to 255 letters, digits, _ . -)');
  const escaped = name.replace(/[.]/g, '\\.');
  const stream = new RegExp(`^arn:aws[a-z-]*:dynamodb:[a-z0-9-]+:\\d{12}:table/${escaped}/stream/\\S+$`);
  if (streamArn === undefined || !stream.test(streamArn)) {
    throw new ConfigError(
      'tableStreamArn',
      streamArn,
      `the ARN of the stream of table ${name} (LatestStreamArn of aws dynamodb describe-table); enable its stream first`,
    );
  }
  return { name, streamArn };
}

function readCursorKey(node: Node): StackConfig['cursorKey'] {
  const version = text(node, 'cursorKeyVersion');
  const previousVersion = text(node, 'previousCursorKeyVersion');
  if (version === undefined && previousVersion === undefined) return undefined;
  if (version === undefined || !SECRET_VERSION.test(version)) {
    throw new ConfigError(
      'cursorKeyVersion',
      version,
      'the VersionId of the cursor key secret that signs cursors (aws secretsmanager put-secret-value prints it)',
    );
  }
  if (previousVersion === undefined) return { version };
  if (!SECRET_VERSION.test(previousVersion) || previousVersion === version) {
    throw new ConfigError(
      'previousCursorKeyVersion',
      previousVersion,
      'the VersionId of the cursor key that signed cursors before cursorKeyVersion, another than it',
    );
  }
  return { version, previousVersion };
}

const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
const CONFIGURATION_SET = /^[A-Za-z0-9_-]{1,64}$/;

/** `sesFromEmail` turns SES sending on; the other `ses*` keys need it. */
function readSes(node: Node): SesConfig | undefined {
  const fromEmail = text(node, 'sesFromEmail');
  const others = ['sesFromName', 'sesReplyTo', 'sesVerifiedDomain', 'sesRegion', 'sesConfigurationSet'] as const;
  if (!fromEmail) {
    const orphan = others.find((k) => text(node, k) !== undefined);
    if (orphan) throw new ConfigError(orphan, text(node, orphan), 'needs sesFromEmail (SES sending is on only with a From address)');
    return undefined;
  }
  if (!EMAIL.test(fromEmail)) throw new ConfigError('sesFromEmail', fromEmail, 'an e-mail address');
  const fromName = text(node, 'sesFromName');
  if (fromName !== undefined && !/^[^\x00-\x1F\x7F<>"]{1,64}$/.test(fromName))
    throw new ConfigError('sesFromName', fromName, 'a display name without quotes or angle brackets');
  const replyTo = text(node, 'sesReplyTo');
  if (replyTo !== undefined && !EMAIL.test(replyTo)) throw new ConfigError('sesReplyTo', replyTo, 'an e-mail address');
  const verifiedDomain = text(node, 'sesVerifiedDomain')?.toLowerCase();
  if (verifiedDomain !== undefined) {
    if (!DOMAIN.test(verifiedDomain)) throw new ConfigError('sesVerifiedDomain', verifiedDomain, 'a domain name');
    const fromDomain = fromEmail.split('@')[1]!.toLowerCase();
    // Cognito sends from the identity of exactly this domain (CDK refuses another one).
    if (fromDomain !== verifiedDomain) throw new ConfigError('sesVerifiedDomain', verifiedDomain, `the domain of sesFromEmail (${fromDomain})`);
  }
  const region = text(node, 'sesRegion');
  if (region !== undefined && !REGION.test(region)) throw new ConfigError('sesRegion', region, 'an AWS region such as eu-west-1');
  const configurationSet = text(node, 'sesConfigurationSet');
  if (configurationSet !== undefined && !CONFIGURATION_SET.test(configurationSet))
    throw new ConfigError('sesConfigurationSet', configurationSet, 'an SES configuration set name');
  return {
    fromEmail,
    ...(fromName ? { fromName } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(verifiedDomain ? { verifiedDomain } : {}),
    ...(region ? { region } : {}),
    ...(configurationSet ? { configurationSet } : {}),
  };
}

function text(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(key, value, 'a string');
  return value.trim();
}

/** A comma-separated list on the command line, or a JSON array in cdk.json. */
function list(node: Node, key: string): string[] {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!items || items.some((i) => typeof i !== 'string')) throw new ConfigError(key, value, 'a comma-separated list of strings');
  return [...new Set((items as string[]).map((i) => i.trim()).filter(Boolean))];
}
