import type { Node } from 'constructs';

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
  /**
   * Cognito's e-mail through Amazon SES instead of Cognito's own sender (a few dozen messages a
   * day for the whole pool). Absent: Cognito's sender.
   */
  ses?: SesConfig;
  /** Days a new user has to accept the invitation (first sign-in) before the address is released. */
  invitationDays: number;
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

export const CONFIG_DEFAULTS = { stage: 'dev', corsOrigins: [] as string[], logRetentionDays: 30, invitationDays: 7 } as const;

/** A context value that synth refuses, with the reason. */
export class ConfigError extends Error {
  constructor(key: string, value: unknown, expected: string) {
    super(`Invalid CDK context "${key}"=${JSON.stringify(value)}: ${expected}`);
    this.name = 'ConfigError';
  }
}

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
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

  const invitationRaw = node.tryGetContext('invitationDays');
  const invitationDays = invitationRaw === undefined || invitationRaw === '' ? CONFIG_DEFAULTS.invitationDays : Number(invitationRaw);
  // Cognito's temporary passwords last at most 365 days; the invitation window is theirs.
  if (!Number.isInteger(invitationDays) || invitationDays < 1 || invitationDays > 365) {
    throw new ConfigError('invitationDays', invitationRaw, 'a whole number of days from 1 to 365');
  }

  const ses = readSes(node);
  return { stage, corsOrigins, logRetentionDays, ...(alarmEmail ? { alarmEmail } : {}), ...(ses ? { ses } : {}), invitationDays };
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
