import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, ManualClock } from '../kernel/index.ts';
import { examplePartner } from './examples.ts';
import { reactivatePartner, suspendPartner, updatePartner } from './lifecycle.ts';

const clock = new ManualClock({ now: () => new Date('2026-11-27T10:00:00Z') });
const vendor = { sub: 'v', roles: ['vendor-admin'] };
const partnerAdmin = { sub: 'p', roles: ['partner-admin'], partnerId: examplePartner.id };

describe('partner lifecycle rules', () => {
  it('records only the fields that changed, from and to', () => {
    const { partner, changes } = updatePartner(examplePartner, { leadCapacity: 30, country: 'DE' }, vendor, clock);
    expect(changes).toEqual([{ field: 'leadCapacity', from: 20, to: 30 }]);
    expect(partner).toMatchObject({ version: 2, updatedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('keeps vendor-only fields away from partner admins, naming each', () => {
    expect(() => updatePartner(examplePartner, { tier: 'platinum', type: 'msp', leadCapacity: 1 }, partnerAdmin, clock)).toThrow(ForbiddenError);
    try {
      updatePartner(examplePartner, { tier: 'platinum', type: 'msp' }, partnerAdmin, clock);
    } catch (err) {
      expect((err as ForbiddenError).errors.map((e) => e.path)).toEqual(['type', 'tier']);
    }
  });

  it('suspends active partners only, and reactivates suspended ones only', () => {
    const suspended = suspendPartner(examplePartner, 'fraud review', clock);
    expect(suspended).toMatchObject({ status: 'suspended', statusReason: 'fraud review', version: 2 });
    expect(() => suspendPartner(suspended, 'again', clock)).toThrow(ConflictError);
    expect(reactivatePartner(suspended, 'cleared', clock).status).toBe('active');
    expect(() => reactivatePartner(examplePartner, 'x', clock)).toThrow(ConflictError);
    expect(() => updatePartner({ ...examplePartner, status: 'terminated' }, { leadCapacity: 1 }, vendor, clock)).toThrow(ConflictError);
  });

  it('moves the manual clock forward for everything that reads it', () => {
    const c = new ManualClock({ now: () => new Date('2026-01-01T00:00:00Z') });
    c.advance({ days: 3, hours: 1 });
    expect(c.now().toISOString()).toBe('2026-01-04T01:00:00.000Z');
  });
});
