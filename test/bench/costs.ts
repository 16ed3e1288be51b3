import { randomUUID } from 'node:crypto';
import type { CapacityCall, CapacityCharge, CapacityMeter } from './capacity/index.ts';
import type { HttpClient } from './load.ts';
import { PARTNER_BODY } from './latency.ts';
import { applicationBody } from './onboarding.ts';
import { median } from './stats.ts';

/** A partner with a fuller profile (several offices, territories, custom attributes): about 3 KB. */
export const LARGE_PARTNER_BODY = {
  ...PARTNER_BODY,
  locations: ['Berlin', 'Hamburg', 'Munich', 'Cologne', 'Vienna', 'Zurich'].map((city, i) => ({
    name: `${city} office`,
    country: i < 4 ? 'DE' : i === 4 ? 'AT' : 'CH',
    region: 'Central Europe',
    city,
    postalCode: `${10115 + i * 1000}`,
    coordinates: { lat: 48.1 + i / 10, lon: 11.5 + i / 10 },
  })),
  territories: ['DE', 'AT', 'CH', 'DE-BY', 'DE-BW', 'DE-BE', 'DE-HH', 'DE-HE', 'DE-NW', 'DE-SN', 'AT-9', 'CH-ZH'],
  specialisations: ['networking', 'security', 'cloud', 'storage', 'backup', 'voip', 'managed-services', 'training'],
  customAttributes: Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`attr${i}`, `value number ${i} for reporting`])),
};

/**
 * On-demand prices of the DynamoDB Standard table class in us-east-1 (N. Virginia), as published
 * after the November 2024 price cut; other regions cost more (eu-west-1 about 13% more).
 */
export const PRICE_REGION = 'us-east-1, on-demand, Standard table class (AWS price list as of 2025)';
export const USD_PER_MILLION_READ_REQUEST_UNITS = 0.125;
export const USD_PER_MILLION_WRITE_REQUEST_UNITS = 0.625;

/** US dollars per million API requests that each consume `rcu` read and `wcu` write units. */
export const usdPerMillionRequests = (rcu: number, wcu: number): number => rcu * USD_PER_MILLION_READ_REQUEST_UNITS + wcu * USD_PER_MILLION_WRITE_REQUEST_UNITS;

export interface OpCost {
  op: string;
  samples: number;
  /** Medians over the samples, per request. */
  rcu: number;
  wcu: number;
  indexWcu: number;
  /** The same item operations if every item fitted in one unit (≤ 4 KB read, ≤ 1 KB write). */
  minRcu: number;
  minWcu: number;
  minIndexWcu: number;
  usdPerMillion: number;
  minUsdPerMillion: number;
  /** What DynamoDB Local itself reported for the same calls (ReturnConsumedCapacity), when it did. */
  localReported?: number;
  /** The DynamoDB calls of one sample, with item sizes. */
  calls: { command: string; rcu: number; wcu: number; indexWcu: number; failed?: string; charges: CapacityCharge[] }[];
  notes: string[];
}

/** The units a charge would cost if its item fitted in one unit; a query keeps its data volume. */
function minimumOf(charge: CapacityCharge): number {
  if (charge.kind === 'read' && charge.action.startsWith('Query')) return charge.units;
  if (charge.kind === 'read') return charge.transactional ? 2 : charge.units < 1 ? 0.5 : 1;
  if (charge.kind === 'index-write') return 1;
  return charge.transactional ? 2 : 1;
}

interface Sample {
  calls: CapacityCall[];
}

function summarise(op: string, samples: Sample[], notes: string[], override?: { minRcu: number; minWcu: number; minIndexWcu: number }): OpCost {
  const per = (f: (c: CapacityCall) => number) => median(samples.map((s) => s.calls.reduce((n, c) => n + f(c), 0)));
  const perCharge = (kind: CapacityCharge['kind'], f: (ch: CapacityCharge) => number) =>
    median(
      samples.map((s) =>
        s.calls
          .flatMap((c) => c.charges)
          .filter((ch) => ch.kind === kind)
          .reduce((n, ch) => n + f(ch), 0),
      ),
    );
  const rcu = per((c) => c.rcu);
  const wcu = per((c) => c.wcu);
  const indexWcu = per((c) => c.indexWcu);
  const min = override ?? { minRcu: perCharge('read', minimumOf), minWcu: perCharge('write', minimumOf), minIndexWcu: perCharge('index-write', minimumOf) };
  const reportedAll = samples.every((s) => s.calls.some((c) => !c.failed) && s.calls.every((c) => c.failed || c.reported !== undefined));
  const localReported = reportedAll ? median(samples.map((s) => s.calls.reduce((n, c) => n + (c.reported ?? 0), 0))) : undefined;
  const last = samples.at(-1)?.calls ?? [];
  const approximations = new Set(last.flatMap((c) => c.charges.map((ch) => ch.approximate).filter((a): a is string => !!a)));
  return {
    op,
    samples: samples.length,
    rcu,
    wcu,
    indexWcu,
    ...min,
    usdPerMillion: usdPerMillionRequests(rcu, wcu + indexWcu),
    minUsdPerMillion: usdPerMillionRequests(min.minRcu, min.minWcu + min.minIndexWcu),
    ...(localReported !== undefined ? { localReported } : {}),
    calls: last.map((c) => ({
      command: c.command,
      rcu: c.rcu,
      wcu: c.wcu,
      indexWcu: c.indexWcu,
      ...(c.failed ? { failed: c.failed } : {}),
      charges: c.charges,
    })),
    notes: [...notes, ...[...approximations].map((a) => `approximation: ${a}`)],
  };
}

/**
 * Prices each API operation: for every sample, the meter is reset, one request is made (one at
 * a time, so every DynamoDB call in between belongs to it) and the meter's calls are kept.
 */
export async function measureCosts(options: { client: HttpClient; token: string; meter: CapacityMeter; samples: number }): Promise<OpCost[]> {
  const { client, token, meter, samples } = options;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const call = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}, expect?: number) => {
    const res = await client.request(method, path, { ...headers, ...extra }, body === undefined ? undefined : JSON.stringify(body));
    if (expect !== undefined && res.status !== expect) throw new Error(`${method} ${path}: expected ${expect}, got ${res.status} ${res.body.slice(0, 300)}`);
    return res;
  };
  const metered = async (run: () => Promise<unknown>): Promise<Sample> => {
    meter.reset();
    meter.enabled = true;
    try {
      await run();
    } finally {
      meter.enabled = false;
    }
    const calls = meter.calls();
    meter.reset();
    return { calls };
  };
  const created = async () => JSON.parse((await call('POST', '/partners', PARTNER_BODY, {}, 201)).body) as { id: string };
  const results: OpCost[] = [];
  const repeat = async (f: (i: number) => Promise<Sample>) => {
    const out: Sample[] = [];
    for (let i = 0; i < samples; i++) out.push(await f(i));
    return out;
  };

  // Warm the meter's memory of items the way a real request sequence would (reads before writes).
  const partner = await created();

  results.push(
    summarise('GET /partners/{id}', await repeat(() => metered(() => call('GET', `/partners/${partner.id}`, undefined, {}, 200))), [
      'strongly consistent GetItem of the partner item',
    ]),
  );

  results.push(
    summarise('POST /partners', await repeat(() => metered(() => call('POST', '/partners', PARTNER_BODY, {}, 201))), [
      'one TransactWriteItems: partner put + outbox put + history put, and the partner enters gsi1-gsi5 (it has a tier)',
    ]),
  );

  results.push(
    summarise(
      'PATCH /partners/{id}',
      await repeat(async (i) => {
        const read = await call('GET', `/partners/${partner.id}`, undefined, {}, 200);
        const etag = String(read.headers.etag ?? '');
        return metered(() => call('PATCH', `/partners/${partner.id}`, { displayName: `Northwind ${i}` }, { 'if-match': etag }, 200));
      }),
      [
        'GetItem (If-Match check, diff) + TransactWriteItems: conditional partner put + outbox + history; the five index entries are rewritten (ALL projection)',
      ],
    ),
  );

  results.push(
    summarise('GET /partners (list of 50)', await repeat(() => metered(() => call('GET', '/partners?limit=50', undefined, {}, 200))), [
      'one eventually consistent Query of gsi1, 50 items; its cost is the data volume, so the minimum equals it',
    ]),
  );

  results.push(
    summarise(
      'POST /partners/{id}/users',
      await repeat(() =>
        metered(() =>
          call(
            'POST',
            `/partners/${partner.id}/users`,
            { email: `rep-${randomUUID().slice(0, 8)}@northwind.example`, givenName: 'Rita', familyName: 'Rep', roles: ['partner-sales'] },
            {},
            201,
          ),
        ),
      ),
      ['GetItem of the partner + TransactWriteItems: ConditionCheck partner + user put + e-mail claim put + outbox + history'],
    ),
  );

  results.push(
    summarise('POST /partners (3 KB profile)', await repeat(() => metered(() => call('POST', '/partners', LARGE_PARTNER_BODY, {}, 201))), [
      'the same create with a fuller profile: the partner, outbox and history items each cross 1 KB, and so does every index entry',
    ]),
  );

  const keys: string[] = [];
  results.push(
    summarise(
      'POST /partners + Idempotency-Key (first)',
      await repeat(() => {
        const key = randomUUID();
        keys.push(key);
        return metered(() => call('POST', '/partners', PARTNER_BODY, { 'idempotency-key': key }, 201));
      }),
      ['Powertools idempotency: conditional PutItem of the in-progress record, the create, then UpdateItem storing the response'],
    ),
  );
  results.push(
    summarise(
      'POST /partners + Idempotency-Key (replay)',
      await repeat((i) => metered(() => call('POST', '/partners', PARTNER_BODY, { 'idempotency-key': keys[i] as string }, 201))),
      [
        "Powertools answers a replay with a conditional PutItem that fails (ReturnValuesOnConditionCheckFailure ALL_OLD): a failed conditional write costs the stored record's write units",
        'minimum: one strongly consistent GetItem of the stored response (1 RCU, no WCU)',
      ],
      { minRcu: 1, minWcu: 0, minIndexWcu: 0 },
    ),
  );

  // The anonymous application (no token; the benchmark's stack serves the route without its throttle).
  const apply = async (body: unknown) => {
    const res = await client.request('POST', '/applications', { 'content-type': 'application/json' }, JSON.stringify(body));
    if (res.status !== 202) throw new Error(`POST /applications: expected 202, got ${res.status} ${res.body.slice(0, 300)}`);
  };
  results.push(
    summarise(
      'POST /applications',
      await repeat(() => {
        const body = applicationBody();
        return metered(() => apply(body));
      }),
      [
        'a new organisation: GetItem of the onboarding settings (absent: the defaults) + BatchGetItem of its 3 identity keys (strongly consistent; a missing item costs 1 unit) + TransactWriteItems: application put (enters gsi1, gsi2) + 3 key claims (conditional puts) + outbox put',
      ],
    ),
  );
  const first = applicationBody();
  await apply(first);
  results.push(
    summarise('POST /applications (duplicate)', await repeat(() => metered(() => apply(first))), [
      'the same organisation again: the 3 keys are held (by the first application), so nothing is claimed; application put + 2 outbox puts (ApplicationSubmitted, ApplicationFlaggedDuplicate)',
    ]),
  );
  return results;
}
