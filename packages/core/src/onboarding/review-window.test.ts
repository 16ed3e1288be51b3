import { describe, expect, it } from 'vitest';
import { ConflictError, ManualClock } from '../kernel/index.ts';
import { exampleApplication } from './examples.ts';
import { REVIEW_WINDOW_DAYS, approveApplication, expireApplication, rejectApplication, remindReview, reviewExpiresAt } from './lifecycle.ts';
import { OPEN_APPLICATIONS_PER_DOMAIN, freeSlot } from './use-cases.ts';

const DAY_MS = 86_400_000;
const submitted = Date.parse(exampleApplication.submittedAt);
const at = (days: number, ms = 0) => new ManualClock({ now: () => new Date(submitted + days * DAY_MS + ms) });
const manager = { sub: 'cm-1', roles: ['channel-manager'] };

describe('the review window', () => {
  // Promise: an application expires exactly REVIEW_WINDOW_DAYS after submission, not a millisecond before.
  it('expires at the end of the window only', () => {
    expect(reviewExpiresAt(exampleApplication).getTime()).toBe(submitted + REVIEW_WINDOW_DAYS * DAY_MS);
    expect(expireApplication(exampleApplication, at(REVIEW_WINDOW_DAYS, -1))).toBeUndefined();
    expect(expireApplication(exampleApplication, at(REVIEW_WINDOW_DAYS))).toMatchObject({ status: 'expired', version: exampleApplication.version + 1 });
    expect(expireApplication({ ...exampleApplication, status: 'rejected' }, at(REVIEW_WINDOW_DAYS))).toBeUndefined();
  });

  // Promise: once the window has closed nobody decides it and no reminder goes out, recorded or not.
  it('refuses decisions and reminders after the window', () => {
    expect(() => approveApplication(exampleApplication, {}, manager, at(REVIEW_WINDOW_DAYS))).toThrow(ConflictError);
    expect(() => rejectApplication(exampleApplication, 'late', manager, at(REVIEW_WINDOW_DAYS))).toThrow(ConflictError);
    expect(rejectApplication(exampleApplication, 'in time', manager, at(REVIEW_WINDOW_DAYS, -1)).status).toBe('rejected');
    expect(remindReview({ ...exampleApplication, reviewSlaDays: 3 }, 10, at(REVIEW_WINDOW_DAYS))).toBeUndefined();
    expect(remindReview({ ...exampleApplication, reviewSlaDays: 3 }, 9, at(27))).toMatchObject({ remindersSent: 9 });
  });
});

describe('freeSlot: a place under a cap on open applications', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  const held = (slot: number, expiresAt: string) => ({ slot, applicationId: `app_${slot}`, expiresAt });

  // Promise: the lowest free place; a place whose holder's window closed is free; a full cap says when the first place lapses.
  it('takes the lowest free or lapsed place, and refuses a full cap with its first lapse', () => {
    expect(freeSlot([], OPEN_APPLICATIONS_PER_DOMAIN, now)).toEqual({ slot: 1 });
    expect(freeSlot([held(1, '2026-06-10T00:00:00.000Z'), held(3, '2026-06-10T00:00:00.000Z')], 3, now)).toEqual({ slot: 2 });
    expect(freeSlot([held(1, '2026-06-01T00:00:00.000Z'), held(2, '2026-06-10T00:00:00.000Z')], 2, now)).toEqual({ slot: 1 });
    expect(freeSlot([held(1, '2026-06-09T00:00:00.000Z'), held(2, '2026-06-05T00:00:00.000Z')], 2, now)).toEqual({
      retryAt: new Date('2026-06-05T00:00:00.000Z'),
    });
    // A place beyond a lowered cap does not count against it.
    expect(freeSlot([held(1, '2026-06-09T00:00:00.000Z'), held(5, '2026-06-09T00:00:00.000Z')], 2, now)).toEqual({ slot: 2 });
  });
});
