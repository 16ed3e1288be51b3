import { describe, expect, it } from 'vitest';
import { type Lead, WITHDRAWAL_REASONS, dealRegistrationOf, exampleLead, filterCandidates, takeBackLead, withdrawOffer } from './index.ts';

const now = new Date('2026-12-01T12:00:00.000Z');
const P = 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM01';
const Q = 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM02';
const offer = { partnerId: P, offeredAt: '2026-12-01T10:00:00.000Z', expiresAt: '2026-12-03T10:00:00.000Z', number: 1 };
const offered: Lead = { ...exampleLead, status: 'offered', partnerId: P, offer, offerCount: 1, version: 2 };
const accepted: Lead = { ...offered, status: 'accepted', offer: null, acceptedAt: '2026-12-01T11:00:00.000Z', assignedUserId: 'usr_1', version: 3 };

describe('a partner that leaves', () => {
  it("withdraws only that partner's open offer, recording it so the partner is never offered the lead again", () => {
    const freed = withdrawOffer(offered, P, now)!;
    expect(freed).toMatchObject({ status: 'unassigned', partnerId: null, offer: null, offerCount: 1, version: 3 });
    expect(freed.declined).toEqual([{ partnerId: P, outcome: 'withdrawn', at: now.toISOString() }]);
    expect(withdrawOffer(offered, Q, now)).toBeUndefined();
    expect(withdrawOffer(accepted, P, now)).toBeUndefined();
    expect(withdrawOffer(freed, P, now)).toBeUndefined();
    const { excluded } = filterCandidates(freed, [
      { entry: { partnerId: P, version: 1, status: 'active', tier: null, leadCapacity: 10, coordinates: [] }, state: undefined },
    ]);
    expect(excluded).toEqual([{ partnerId: P, reason: 'withdrawn' }]);
  });

  it('takes back an open accepted lead to the pool with the reason, and leaves closed leads and other partners alone', () => {
    for (const status of ['accepted', 'contacted', 'qualified'] as const) {
      const back = takeBackLead({ ...accepted, status }, P, 'terminated', 4, now)!;
      expect(back).toMatchObject({
        status: 'unassigned',
        partnerId: null,
        assignedUserId: null,
        pool: { reason: WITHDRAWAL_REASONS.terminated },
        routingSettingsVersion: 4,
      });
      expect(back.declined).toEqual([{ partnerId: P, outcome: 'withdrawn', at: now.toISOString() }]);
      expect(back.pool!.reason).toMatch(/^partner-terminated/);
    }
    for (const status of ['converted', 'lost'] as const) expect(takeBackLead({ ...accepted, status }, P, 'terminated', 4, now)).toBeUndefined();
    expect(takeBackLead(accepted, Q, 'terminated', 4, now)).toBeUndefined();
    expect(takeBackLead(offered, P, 'terminated', 4, now)).toBeUndefined();
  });
});

describe('the deal registration of a converted lead', () => {
  const conversion = { expectedCloseDate: '2027-03-31', description: 'Brewery network refresh' };
  const problems = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as { errors: { path: string; message: string }[] }).errors;
    }
    return [];
  };
  it('takes the customer, contact, lines and value from the lead unless the partner gives them', () => {
    expect(dealRegistrationOf(accepted, conversion)).toEqual({
      customer: { legalName: 'Brauerei Huber AG', webDomain: 'huber-brau.example', country: 'DE' },
      contact: exampleLead.contact,
      lines: [{ productLine: 'networking', products: [] }],
      value: { amountMinor: 4_500_000, currency: 'EUR' },
      ...conversion,
    });
    const given = dealRegistrationOf(accepted, {
      ...conversion,
      value: { amountMinor: 100, currency: 'USD' },
      customer: { legalName: 'Huber Holding AG' },
      lines: [{ productLine: 'security', products: ['Firewall 9'] }],
    });
    expect(given).toMatchObject({
      customer: { legalName: 'Huber Holding AG', webDomain: 'huber-brau.example' },
      value: { amountMinor: 100, currency: 'USD' },
      lines: [{ productLine: 'security', products: ['Firewall 9'] }],
    });
  });
  it('names body.deal.<field> for what the lead lacks, and says when an invalid value came from the lead', () => {
    const bare = { ...accepted, estimatedValue: null, company: { name: 'X', webDomain: null } };
    expect(problems(() => dealRegistrationOf(bare, conversion)).map((p) => p.path)).toEqual(['body.deal.value', 'body.deal.customer.webDomain']);
    // A lead phone the deal's stricter pattern refuses: the partner gives the contact.
    const phone = { ...accepted, contact: { name: 'Jo', email: 'jo@x.example', phone: '+123' } };
    const refused = problems(() => dealRegistrationOf(phone, conversion));
    expect(refused).toEqual([{ path: 'body.deal.contact.phone', message: expect.stringContaining('taken from the lead') }]);
    expect(dealRegistrationOf(phone, { ...conversion, contact: { name: 'Jo', email: 'jo@x.example' } }).contact).toEqual({ name: 'Jo', email: 'jo@x.example' });
  });
});
