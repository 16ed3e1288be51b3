import { describe, expect, it } from 'vitest';
import { ConflictError, ManualClock, ValidationError } from '../kernel/index.ts';
import { publicSuffixList } from '../partners/index.ts';
import {
  DEAL_TRANSITIONS,
  type IndexedRegistration,
  approvalTerms,
  approveRegistration,
  assertTransition,
  autoApprovalDecision,
  customerKeys,
  evaluateConflicts,
  expireRegistration,
  extendProtection,
  hadRunningProtection,
  markLost,
  markWon,
  newRegistration,
  nextDueAt,
  normaliseCustomerName,
  reverseWin,
  reviewAction,
  sameCustomer,
  verdictOf,
} from './lifecycle.ts';
import { DEAL_STATUSES, DEFAULT_DEAL_RULES, type DealRules, type RegisterDealInput } from './model.ts';

const DAY = 86_400_000;
const clockAt = (iso: string) => new ManualClock({ now: () => new Date(iso) });
const psl = await publicSuffixList();
const rules = (patch: Partial<DealRules> = {}): DealRules => ({ ...DEFAULT_DEAL_RULES, ...patch });
const P1 = 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A';
const P2 = 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3B';
const sales = { sub: 'usr-1', roles: ['partner-sales'], partnerId: P1 };
const cm = { sub: 'cm-1', roles: ['channel-manager'] };

const input: Omit<RegisterDealInput, 'partnerId'> = {
  customer: { legalName: 'Acme Health Ltd', webDomain: 'eu.acmehealth.example', country: 'GB' },
  contact: { name: 'Jo Bloggs', email: 'jo@acmehealth.example' },
  lines: [{ productLine: 'networking', products: [] }],
  value: { amountMinor: 100_000, currency: 'EUR' },
  expectedCloseDate: '2027-06-30',
  description: 'Refresh',
};
const registered = (clock = clockAt('2027-01-10T09:00:00Z'), r = rules()) =>
  newRegistration({ partnerId: P1, input, matches: [], rules: r, actor: sales }, clock);

describe('customer identity: normalised names and registrable domains', () => {
  // [a, b, same?]: each pair of customers compared on name and domain, near misses included.
  const names: [string, string, boolean][] = [
    ['Acme Inc', 'ACME, Inc.', true],
    ['Acme Ltd', 'acme limited', true],
    ['Acme GmbH', 'Acme', true],
    ['Acme S.A.', 'Acme SA', true],
    ['Acme S.p.A.', 'ACME SPA', true],
    ['Acme B.V.', 'Acme BV', true],
    ['Acme Pty Ltd', 'Acme', true],
    ['Acme KK', 'acme k.k.', true],
    ['Acme AG', 'Acme', true],
    ['Société Générale', 'Societe Generale', true],
    ['Müller Bau GmbH', 'Muller Bau', true],
    ['Ac\u200Bme Corp', 'Acme Corporation', true],
    ['Acme-Health Ltd', 'Acme Health', true],
    ['  Acme   Health  ', 'acme health', true],
    ['Acme & Sons', 'Acme and Sons', true],
    ['Acme', 'Acme Health', false],
    ['Acme Health', 'Acme Healthcare', false],
    ['Acme', 'Acne', false],
    ['Acme Systems', 'Acme Solutions', false],
    ['Northwind', 'Northwind Traders', false],
    ['Globex UK Ltd', 'Globex Ltd', false],
    ['Initech', 'Initrode', false],
  ];
  it.each(names)('%s vs %s → same name: %s', (a, b, same) => {
    expect(normaliseCustomerName(a) === normaliseCustomerName(b)).toBe(same);
  });

  const domains: [string, string, boolean][] = [
    ['eu.acme.com', 'acme.com', true],
    ['sales.acme.co.uk', 'acme.co.uk', true],
    ['ACME.com', 'www.acme.com', true],
    ['acme.com', 'acme.co.uk', false],
    ['acme.com', 'acmehealth.com', false],
    ['shop.acme.github.io', 'other.github.io', false],
    ['acme.com.au', 'eu.acme.com.au', true],
  ];
  it.each(domains)('%s vs %s → same domain: %s', (a, b, same) => {
    const keys = (d: string) => customerKeys({ legalName: 'X Y Z', webDomain: d }, psl).webDomain;
    expect(keys(a) === keys(b)).toBe(same);
  });

  it('matches on either key and says which', () => {
    const a = customerKeys({ legalName: 'Acme Health Ltd', webDomain: 'eu.acmehealth.example' }, psl);
    expect(sameCustomer(a, customerKeys({ legalName: 'Other Name', webDomain: 'acmehealth.example' }, psl))).toEqual(['webDomain']);
    expect(sameCustomer(a, customerKeys({ legalName: 'ACME HEALTH', webDomain: 'acme-health.example' }, psl))).toEqual(['legalName']);
    expect(sameCustomer(a, customerKeys({ legalName: 'Acme', webDomain: 'acme.example' }, psl))).toEqual([]);
  });

  it('a name of legal forms only identifies nobody', () => {
    expect(customerKeys({ legalName: 'The Company Ltd', webDomain: 'x.example' }, psl)).toEqual({ webDomain: 'x.example' });
  });
});

describe('conflict evaluation', () => {
  const entry = (patch: Partial<IndexedRegistration>): IndexedRegistration => ({
    registrationId: 'deal_01JD41A0B1C2D3E4F5G6H7J8K9',
    partnerId: P2,
    status: 'approved',
    productLines: ['networking'],
    on: 'webDomain',
    value: 'acmehealth.example',
    submittedAt: '2027-01-01T00:00:00.000Z',
    ...patch,
  });

  it("another partner's registration with a common product line conflicts, once per registration, naming both keys", () => {
    const matches = evaluateConflicts({ partnerId: P1, productLines: ['networking', 'security'] }, [
      entry({}),
      entry({ on: 'legalName', value: 'acme health' }),
    ]);
    expect(matches).toEqual([expect.objectContaining({ partnerId: P2, on: ['webDomain', 'legalName'], productLines: ['networking'] })]);
    expect(verdictOf(matches)).toBe('possible-conflict');
  });

  it('no common product line, the partner’s own registrations and the registration itself are no conflict', () => {
    expect(evaluateConflicts({ partnerId: P1, productLines: ['security'] }, [entry({})])).toEqual([]);
    expect(evaluateConflicts({ partnerId: P2, productLines: ['networking'] }, [entry({})])).toEqual([]);
    expect(evaluateConflicts({ partnerId: undefined, registrationId: entry({}).registrationId, productLines: ['networking'] }, [entry({})])).toEqual([]);
    expect(verdictOf([])).toBe('no-conflict');
  });
});

describe('auto-approval', () => {
  const on = rules({ autoApprove: { enabled: true, thresholds: [{ amountMinor: 1_000_000, currency: 'EUR' }], tiers: ['gold'] } });
  const value = { amountMinor: 999_999, currency: 'EUR' };
  it('approves without conflict, under the threshold of its currency, for a listed tier', () => {
    expect(autoApprovalDecision(on, value, 'gold', [])).toEqual({ approve: true, reasons: [] });
  });
  it.each([
    ['off', rules(), value, 'gold', 'auto-approval is off'],
    ['at the threshold', on, { amountMinor: 1_000_000, currency: 'EUR' }, 'gold', 'value at or above the threshold'],
    ['another currency', on, { amountMinor: 10, currency: 'USD' }, 'gold', 'no threshold for USD'],
    ['tier not listed', on, value, 'silver', 'tier not eligible'],
    ['no tier', on, value, null, 'tier not eligible'],
  ] as const)('refuses when %s', (_n, r, v, tier, reason) => {
    const d = autoApprovalDecision(r, v, tier, []);
    expect(d.approve).toBe(false);
    expect(d.reasons).toContain(reason);
  });
  it('refuses a possible conflict', () => {
    const match = evaluateConflicts({ partnerId: P1, productLines: ['networking'] }, [
      {
        registrationId: 'deal_01JD41A0B1C2D3E4F5G6H7J8K9',
        partnerId: P2,
        status: 'submitted',
        productLines: ['networking'],
        on: 'webDomain',
        value: 'a.example',
        submittedAt: '2027-01-01T00:00:00.000Z',
      },
    ]);
    expect(autoApprovalDecision(on, value, 'gold', match).reasons).toEqual(['possible conflict']);
  });
});

describe('approval terms and the first-registrant policy', () => {
  const deal = registered();
  const earlier = evaluateConflicts({ partnerId: P1, productLines: ['networking'] }, [
    {
      registrationId: 'deal_01AAAAAAAAAAAAAAAAAAAAAAAA',
      partnerId: P2,
      status: 'under_review',
      productLines: ['networking'],
      on: 'webDomain',
      value: 'x',
      submittedAt: '2027-01-01T00:00:00.000Z',
    },
  ]);
  const later = evaluateConflicts({ partnerId: P1, productLines: ['networking'] }, [
    {
      registrationId: 'deal_09ZZZZZZZZZZZZZZZZZZZZZZZZ',
      partnerId: P2,
      status: 'under_review',
      productLines: ['networking'],
      on: 'webDomain',
      value: 'x',
      submittedAt: '2027-02-01T00:00:00.000Z',
    },
  ]);
  const policy = rules({ firstRegistrantWins: { enabled: true, reducedBenefit: { extraDiscountPercent: 1, incentiveEligible: false } } });

  it('without the policy a conflict approved anyway asks for protection (the database decides) and the full benefit', () => {
    expect(approvalTerms(deal, earlier, rules())).toEqual({ protect: true, benefit: DEFAULT_DEAL_RULES.benefit, policy: 'standard' });
  });
  it('with the policy a later registrant gets the reduced benefit and no protection; the first keeps both', () => {
    expect(approvalTerms(deal, earlier, policy)).toEqual({
      protect: false,
      benefit: { extraDiscountPercent: 1, incentiveEligible: false },
      policy: 'first-registrant-reduced',
    });
    expect(approvalTerms(deal, later, policy)).toMatchObject({ protect: true, policy: 'standard' });
  });
  it('an approval without protection (the reduced benefit) still ends when protection would', () => {
    const clock = clockAt('2027-01-11T12:00:00Z');
    const approved = approveRegistration(deal, approvalTerms(deal, earlier, policy), policy, cm, clock);
    expect(approved.protection).toEqual({
      running: false,
      startsAt: '2027-01-11T12:00:00.000Z',
      expiresAt: '2027-04-11T12:00:00.000Z',
      extended: false,
      releasedAt: null,
    });
    expect(hadRunningProtection(approved)).toBe(false);
    expect(nextDueAt(approved, policy)).toBe('2027-04-11T12:00:00.000Z');
    expect(() => extendProtection(approved, policy, clock)).toThrow(ConflictError);
    expect(expireRegistration(approved, clockAt('2027-04-11T11:59:59Z'))).toBeUndefined();
    expect(expireRegistration(approved, clockAt('2027-04-11T12:00:00Z'))).toMatchObject({
      status: 'expired',
      protection: { running: false, releasedAt: null },
    });
  });
  it('records protection dates and the rules version on approval', () => {
    const clock = clockAt('2027-01-11T12:00:00Z');
    const approved = approveRegistration(
      deal,
      approvalTerms(deal, [], rules({ protectionDays: 90, version: 4 })),
      rules({ protectionDays: 90, version: 4 }),
      cm,
      clock,
    );
    expect(approved.protection).toEqual({
      running: true,
      startsAt: '2027-01-11T12:00:00.000Z',
      expiresAt: '2027-04-11T12:00:00.000Z',
      extended: false,
      releasedAt: null,
    });
    expect(approved.decision).toMatchObject({ outcome: 'approved', policy: 'standard', rulesVersion: 4, by: cm });
    expect(approved.version).toBe(2);
  });
});

describe('protection: one extension before expiry, then expiry', () => {
  const clock = clockAt('2027-01-11T12:00:00Z');
  const approved = approveRegistration(registered(), approvalTerms(registered(), [], rules()), rules(), cm, clock);

  it('extends once by extensionDays, before expiry only', () => {
    const extended = extendProtection(approved, rules(), clock);
    expect(extended.protection).toMatchObject({ expiresAt: '2027-05-11T12:00:00.000Z', extended: true });
    expect(() => extendProtection(extended, rules(), clock)).toThrow(ConflictError);
    expect(() => extendProtection(approved, rules({ extensionDays: 0 }), clock)).toThrow(/no extensions/);
    const late = clockAt('2027-04-11T12:00:00Z');
    expect(() => extendProtection(approved, rules(), late)).toThrow(/expired/);
  });

  it('expires at expiresAt, not before, releasing the protection', () => {
    expect(expireRegistration(approved, clockAt('2027-04-11T11:59:59Z'))).toBeUndefined();
    const expired = expireRegistration(approved, clockAt('2027-04-11T12:00:00Z'))!;
    expect(expired.status).toBe('expired');
    expect(expired.protection).toMatchObject({ running: false, releasedAt: '2027-04-11T12:00:00.000Z' });
    expect(nextDueAt(approved, rules())).toBe('2027-04-11T12:00:00.000Z');
    expect(nextDueAt(expired, rules())).toBeUndefined();
  });
});

describe('the review SLA: a reminder, then the escalation, each once', () => {
  const T0 = Date.parse('2027-01-10T09:00:00Z');
  const deal = registered(clockAt('2027-01-10T09:00:00Z'));
  const at = (ms: number) => clockAt(new Date(T0 + ms).toISOString());
  it('reminds after reminderAfterHours and escalates at the SLA', () => {
    expect(reviewAction(deal, rules(), at(DAY - 1))).toBeUndefined();
    const reminded = reviewAction(deal, rules(), at(DAY))!;
    expect(reminded.action).toBe('reminder');
    expect(reviewAction(reminded.deal, rules(), at(DAY + 1))).toBeUndefined();
    expect(nextDueAt(reminded.deal, rules())).toBe(deal.reviewDueAt);
    const escalated = reviewAction(reminded.deal, rules(), at(2 * DAY))!;
    expect(escalated.action).toBe('escalation');
    expect(reviewAction(escalated.deal, rules(), at(9 * DAY))).toBeUndefined();
    expect(nextDueAt(escalated.deal, rules())).toBeUndefined();
  });
});

describe('registration input rules', () => {
  it('refuses a close date that is not in the future, naming the field', () => {
    const clock = clockAt('2027-06-30T09:00:00Z');
    expect(() => newRegistration({ partnerId: P1, input, matches: [], rules: rules(), actor: sales }, clock)).toThrow(ValidationError);
  });
  it('is under_review when flagged, submitted otherwise', () => {
    expect(registered().status).toBe('submitted');
    const match = {
      registrationId: 'deal_01AAAAAAAAAAAAAAAAAAAAAAAA',
      partnerId: P2,
      status: 'approved' as const,
      on: ['webDomain' as const],
      values: { webDomain: 'x', legalName: null },
      productLines: ['networking'],
      submittedAt: '2027-01-01T00:00:00.000Z',
    };
    const flagged = newRegistration({ partnerId: P1, input, matches: [match], rules: rules(), actor: sales }, clockAt('2027-01-10T09:00:00Z'));
    expect([flagged.status, flagged.verdict]).toEqual(['under_review', 'possible-conflict']);
  });
});

describe('the state machine, won and lost', () => {
  const clock = clockAt('2027-02-01T10:00:00Z');
  const approved = approveRegistration(registered(), approvalTerms(registered(), [], rules()), rules(), cm, clock);
  const win = { amount: { amountMinor: 90_000, currency: 'EUR' }, closeDate: '2027-02-01' };

  it('allows exactly the declared transitions', () => {
    for (const from of DEAL_STATUSES)
      for (const to of DEAL_STATUSES) {
        if (DEAL_TRANSITIONS[from].includes(to)) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(ConflictError);
      }
  });

  it('only the registering partner marks won or lost, only from approved', () => {
    expect(() => markWon(approved, win, { ...sales, partnerId: P2 }, clock)).toThrow(/registering partner/);
    expect(() => markWon(registered(), win, sales, clock)).toThrow(ConflictError);
    expect(() => markLost(registered(), 'no', sales, clock)).toThrow(ConflictError);
    const won = markWon(approved, win, sales, clock);
    expect(won).toMatchObject({
      status: 'won',
      protection: { running: false },
      closing: { amount: win.amount, lines: [{ productLine: 'networking', amount: win.amount }] },
    });
    expect(markLost(approved, 'Competitor', sales, clock)).toMatchObject({ status: 'lost', closing: { reason: 'Competitor' } });
  });

  it("the final amount is in the registration's currency and the lines add up", () => {
    expect(() => markWon(approved, { ...win, amount: { amountMinor: 1, currency: 'USD' } }, sales, clock)).toThrow(ValidationError);
    const two = {
      ...approved,
      lines: [
        { productLine: 'networking', products: [] },
        { productLine: 'security', products: [] },
      ],
    };
    expect(() => markWon(two, win, sales, clock)).toThrow(
      expect.objectContaining({ errors: [{ path: 'body.lines', message: expect.stringMatching(/more than one/) }] }),
    );
    expect(() =>
      markWon(
        two,
        {
          ...win,
          lines: [
            { productLine: 'networking', amount: { amountMinor: 10, currency: 'EUR' } },
            { productLine: 'security', amount: { amountMinor: 10, currency: 'EUR' } },
          ],
        },
        sales,
        clock,
      ),
    ).toThrow(ValidationError);
    const split = markWon(
      two,
      {
        ...win,
        lines: [
          { productLine: 'networking', amount: { amountMinor: 60_000, currency: 'EUR' } },
          { productLine: 'security', amount: { amountMinor: 30_000, currency: 'EUR' } },
        ],
      },
      sales,
      clock,
    );
    expect(split.closing?.lines).toHaveLength(2);
  });

  it('a vendor reverses a win to lost, keeping what was won', () => {
    const won = markWon(approved, win, sales, clock);
    const { deal, won: was } = reverseWin(won, 'Cancelled', cm, clock);
    expect(deal).toMatchObject({ status: 'lost', closing: { reversed: true, reason: 'Cancelled', amount: win.amount } });
    expect(was.amount).toEqual(win.amount);
    expect(() => reverseWin(approved, 'x', cm, clock)).toThrow(ConflictError);
  });
});
