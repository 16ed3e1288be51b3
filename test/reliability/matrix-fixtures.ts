import { expect } from 'vitest';
import { DEFAULT_ONBOARDING_SETTINGS } from '@channelbase/core/onboarding';
import type { RouteSpec } from '@channelbase/platform';
import type { MatrixFixtures, Org } from '../support/matrix.ts';
import { applicationBody } from '../support/onboarding.ts';
import { type Caller, type TestStack, partnerBody } from '../support/stack.ts';
import { submitApplication } from './helpers.ts';

/** What the route-driven suites (the authorisation matrix, the fuzz suite) share (not a test file). */

/** A manual item the programme adds to the onboarding checklist (only manual items are completed by hand). */
export const KICK_OFF = { id: 'kick-off', title: 'Kick-off call', kind: 'manual' } as const;
const { updatedAt: _updatedAt, version: _version, ...defaults } = DEFAULT_ONBOARDING_SETTINGS;
/** The onboarding settings these suites PUT: the defaults, with KICK_OFF on the checklist. */
export const matrixSettings = { ...defaults, checklist: [...defaults.checklist, KICK_OFF] };

/** The keys of a route's path parameters, by the collection they sit under (`partners.userId`). */
export const paramKeys = (route: RouteSpec) => [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => `${route.path.split('/')[1]}.${name}`);

/**
 * The fixtures the samples files use; `vendor` and `vendorOrg` are read when a sample runs,
 * once the suite's beforeAll has made them.
 */
export function matrixFixtures(t: TestStack, current: () => { vendor: Caller; vendorOrg: Org }): MatrixFixtures {
  return {
    get vendor() {
      return current().vendor;
    },
    get vendorOrg() {
      return current().vendorOrg;
    },
    onboardingSettings: matrixSettings,
    partnerBody: () => partnerBody(),
    applicationBody: () => applicationBody(),
    submitApplication: () => submitApplication(t),
    drain: () => t.stack.drain(),
    as: (roles) => t.as(roles),
    advanceClock: (minutes) => t.stack.clock.advance({ minutes }),
    async freshPartner() {
      const res = await current().vendor.call('POST', '/partners', { body: partnerBody() });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    },
  };
}
