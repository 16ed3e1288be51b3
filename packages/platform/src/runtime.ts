import type { Clock } from '@channelbase/core';

/**
 * Process-wide settings of a Lambda or of the local runtime, read from the environment once.
 * The local runtime sets the environment before it imports any handler.
 */
export interface RuntimeConfig {
  tableName: string;
  busName: string;
  /** Set only locally: the DynamoDB Local endpoint. */
  dynamoEndpoint?: string;
  region: string;
  stage: string;
}

let config: RuntimeConfig | undefined;

export function runtimeConfig(): RuntimeConfig {
  config ??= {
    tableName: required('TABLE_NAME'),
    busName: process.env.EVENT_BUS_NAME ?? 'channelbase',
    dynamoEndpoint: process.env.DYNAMODB_ENDPOINT || undefined,
    region: process.env.AWS_REGION ?? 'eu-west-1',
    stage: process.env.STAGE ?? 'local',
  };
  return config;
}

/** HMAC key that makes list cursors tamper-evident; only functions that list need it. */
export const cursorKey = (): string => required('CURSOR_KEY');

/**
 * The keys a cursor may be signed with: the current one first, then, during a rotation, the
 * previous one (`CURSOR_KEY_PREVIOUS`), so that cursors handed out before it still work.
 */
export const cursorKeys = (): string[] => {
  const previous = process.env.CURSOR_KEY_PREVIOUS;
  return previous ? [cursorKey(), previous] : [cursorKey()];
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

/** The wall clock: the one adapter that reads real time (the domain only sees `Clock`). */
export const systemClock: Clock = { now: () => new Date() };

let clock: Clock = systemClock;
/** The clock every handler reads; the local runtime swaps in a manual one. */
export const runtimeClock: Clock = { now: () => clock.now() };
export function useClock(next: Clock): void {
  clock = next;
}
