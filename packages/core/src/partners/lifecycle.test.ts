import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ManualClock } from '../kernel/index.ts';
import { examplePartner, examplePartnerUser } from './examples.ts';
import { activatePartner, isOnboarding, reactivatePartner, suspendPartner, terminatePartner, updatePartner, updatePartnerUser } from './lifecycle.ts';

const clock = new ManualClock({ now: () => new Date('2026-11-27T10:00:00Z') });
const vendor = { sub: 'v', roles: ['vendor-admin'] };
const partnerAdmin = { sub: 'p', roles: ['partner-admin'], partnerId: examplePartner.id };
const onboarding = { ...examplePartner, status: 'onboarding' as const };

describe('partner profile rules', () => {
  it('records only the fields that changed, from and to', () => {
    const { partner, changes } = updatePartner(examplePartner, { leadCapacity: 30, country: 'DE' }, vendor, clock);
    expect(changes).toEqual([{ field: 'leadCapacity', from: 20, to: 30 }]);
    expect(partner).toMatchObject({ version: 2, updatedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('keeps vendor-only fields away from partner admins, naming each', () => {
    const attempt = () => updatePartner(examplePartner, { tier: 'platinum', type: 'msp', leadCapacity: 1 }, partnerAdmin, clock);
    expect(attempt).toThrow(ForbiddenError);
    expect(attempt).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: 'type' }), expect.objectContaining({ path: 'tier' })] }));
  });

  it('changes nothing on a terminated partner', () => {
    expect(() => updatePartner({ ...examplePartner, status: 'terminated' }, { leadCapacity: 1 }, vendor, clock)).toThrow(ConflictError);
  });
});

describe('the partner status machine', () => {
  it('activates an onboarding partner only', () => {
    expect(activatePartner(onboarding, clock)).toMatchObject({ status: 'active', statusReason: 'agreement-accepted', version: 2 });
    for (const status of ['active', 'suspended', 'terminated'] as const) {
      expect(() => activatePartner({ ...examplePartner, status }, clock)).toThrow(ConflictError);
    }
  });

  it('suspends an active partner and reactivates it to active', () => {
    const suspended = suspendPartner(examplePartner, 'fraud review', clock);
    expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'fraud review', suspendedFrom: 'active', version: 2 });
    expect(() => suspendPartner(suspended, 'again', clock)).toThrow(ConflictError);
    expect(reactivatePartner(suspended, 'cleared', clock)).toMatchObject({ status: 'active', suspendedFrom: null, version: 3 });
    expect(() => reactivatePartner(examplePartner, 'x', clock)).toThrow(ConflictError);
  });

  it('returns a partner suspended while onboarding to onboarding, never to active', () => {
    const suspended = suspendPartner(onboarding, 'documents missing', clock);
    expect(suspended.suspendedFrom).toBe('onboarding');
    expect(isOnboarding(suspended)).toBe(true);
    const back = reactivatePartner(suspended, 'documents received', clock);
    expect(back.status).toBe('onboarding');
    expect(isOnboarding(back)).toBe(true);
    expect(isOnboarding(suspendPartner(examplePartner, 'x', clock))).toBe(false);
  });

  it('terminates from every status but terminated, for good', () => {
    for (const p of [onboarding, examplePartner, suspendPartner(examplePartner, 'x', clock)]) {
      const terminated = terminatePartner(p, 'agreement-not-accepted', clock);
      expect(terminated).toMatchObject({ status: 'terminated', statusReason: 'agreement-not-accepted', suspendedFrom: null });
      expect(() => terminatePartner(terminated, 'again', clock)).toThrow(ConflictError);
      expect(() => reactivatePartner(terminated, 'undo', clock)).toThrow(ConflictError);
      expect(() => suspendPartner(terminated, 'x', clock)).toThrow(ConflictError);
    }
  });
});

describe('partner user rules', () => {
  const user = { ...examplePartnerUser, roles: ['partner-admin', 'partner-sales'] as ('partner-admin' | 'partner-sales')[] };
  const admin = { sub: 'a', roles: ['partner-admin'], userId: 'usr_other' };

  it('records who disabled a user and revokes its sessions', () => {
    const byVendor = updatePartnerUser(user, { status: 'disabled' }, vendor, clock);
    expect(byVendor.user).toMatchObject({ status: 'disabled', disabledBy: 'vendor', sessionsRevokedAt: '2026-11-27T10:00:00.000Z' });
    expect(byVendor.revokesSessions).toBe(true);
    expect(updatePartnerUser(user, { status: 'disabled' }, admin, clock).user.disabledBy).toBe('partner');
    expect(updatePartnerUser(user, { status: 'disabled' }, { sub: 'system', roles: ['system'] }, clock).user.disabledBy).toBe('system');
  });

  it('lets a partner admin re-enable only users a partner admin disabled', () => {
    const byVendor = updatePartnerUser(user, { status: 'disabled' }, vendor, clock).user;
    expect(() => updatePartnerUser(byVendor, { status: 'active' }, admin, clock)).toThrow(ForbiddenError);
    expect(updatePartnerUser(byVendor, { status: 'active' }, vendor, clock).user).toMatchObject({ status: 'active', disabledBy: null });
    const byAdmin = updatePartnerUser(user, { status: 'disabled' }, admin, clock).user;
    expect(updatePartnerUser(byAdmin, { status: 'active' }, admin, clock).user.status).toBe('active');
  });

  it('enables no user of a terminated partner, whoever asks', () => {
    const disabled = updatePartnerUser(user, { status: 'disabled' }, { sub: 'system', roles: ['system'] }, clock).user;
    expect(() => updatePartnerUser(disabled, { status: 'active' }, vendor, clock, { status: 'terminated' })).toThrow(ConflictError);
  });

  it('revokes sessions when a role is taken away, not when one is added or a name changes', () => {
    expect(updatePartnerUser(user, { roles: ['partner-sales'] }, vendor, clock).revokesSessions).toBe(true);
    expect(updatePartnerUser(user, { roles: ['partner-admin', 'partner-sales', 'partner-user'] }, vendor, clock).revokesSessions).toBe(false);
    const renamed = updatePartnerUser(user, { givenName: 'Grace' }, vendor, clock);
    expect([renamed.revokesSessions, renamed.user.sessionsRevokedAt]).toEqual([false, null]);
  });

  it('keeps an administrator from demoting or disabling themselves', () => {
    const self = { sub: user.id, roles: ['partner-admin'], userId: user.id };
    expect(() => updatePartnerUser(user, { roles: ['partner-sales'] }, self, clock)).toThrow(ConflictError);
    expect(() => updatePartnerUser(user, { status: 'disabled' }, self, clock)).toThrow(ConflictError);
  });
});

describe('the manual clock', () => {
  it('moves forward for everything that reads it', () => {
    const c = new ManualClock({ now: () => new Date('2026-01-01T00:00:00Z') });
    c.advance({ days: 3, hours: 1 });
    expect(c.now().toISOString()).toBe('2026-01-04T01:00:00.000Z');
  });
});
