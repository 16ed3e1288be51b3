import { describe, expect, it } from 'vitest';
import { ConflictError } from '../kernel/errors.ts';
import { approveChange, patchOf, rejectChange, requestChange, splitIdentityChanges } from './change-requests.ts';
import { examplePartner as partner } from './examples.ts';

const clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };
const admin = { actor: { sub: 'usr_admin', roles: ['partner-admin'] }, clock };
const manager = { actor: { sub: 'cm', roles: ['channel-manager'] }, clock };

describe('identity change requests', () => {
  it("splits a partner admin's patch: changed identity fields to the request, the rest direct", () => {
    const { direct, identity } = splitIdentityChanges(
      partner,
      { legalName: 'New Name GmbH', country: partner.country, displayName: 'New', taxId: 'DE 999' },
      admin,
    );
    expect(direct).toEqual({ displayName: 'New' });
    expect(identity).toEqual([
      { field: 'legalName', from: partner.legalName, to: 'New Name GmbH' },
      { field: 'taxId', from: partner.taxId ?? null, to: 'DE 999' },
    ]);
  });

  it('leaves a vendor role’s patch whole', () => {
    const patch = { legalName: 'New Name GmbH', webDomain: 'new.example' };
    expect(splitIdentityChanges(partner, patch, manager)).toEqual({ direct: patch, identity: [] });
  });

  it('is decided once: approved or rejected, never both, and approval applies exactly the requested values', () => {
    const { record: request, events } = requestChange(partner, [{ field: 'webDomain', from: partner.webDomain, to: 'new.example' }], admin);
    expect(events.map((e) => e.detailType)).toEqual(['PartnerChangeRequested']);
    expect(patchOf(request)).toEqual({ webDomain: 'new.example' });
    const approved = approveChange(request, manager);
    expect(approved.record).toMatchObject({ status: 'approved', decidedBy: { sub: 'cm' }, version: 2 });
    expect(() => rejectChange(approved.record, 'late', manager)).toThrow(ConflictError);
    expect(() => approveChange(approved.record, manager)).toThrow(ConflictError);
    expect(rejectChange(request, 'No', manager).record).toMatchObject({ status: 'rejected', reason: 'No' });
  });

  it('is refused for a terminated partner', () => {
    expect(() => requestChange({ ...partner, status: 'terminated' }, [{ field: 'country', from: 'DE', to: 'AT' }], admin)).toThrow(ConflictError);
  });
});
