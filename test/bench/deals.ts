import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { SYSTEM_ACTOR, newId } from '@channelbase/core';
import { DEFAULT_DEAL_RULES, DealRegistered, newRegistration } from '@channelbase/core/deals';
import { makeEvent } from '@channelbase/core';
import { type LocalStack, localClient, startLocalStack } from '@channelbase/local';
import { dynamo, outboxItem, rawDynamo, runtimeClock, tableName } from '@channelbase/platform';
import { indexWrites, putNewDeal } from '../../functions/deals/repository.ts';
import { CapacityMeter } from './capacity/index.ts';
import { type LatencySummary, httpClient, runLoad, summarise } from './load.ts';
import { withTimeout } from './stats.ts';

/**
 * Part 7 of `npm run bench`: deal registration. One local stack of its own (DynamoDB Local and
 * the local API):
 * - `POST /deals` at 16 concurrent connections (a fresh customer each: no conflict, so each
 *   registration is one plan and one transaction), against the DynamoDB transaction it needs
 *   (the registration, its two customer-index items and its outbox event: one TransactWriteItems
 *   sent directly), in interleaved rounds;
 * - `POST /deals/conflict-check` with 10,000 and then 100,000 registrations in the customer index
 *   (seeded with BatchWriteItem: the two index items per registration the check reads), each
 *   check for the customer of a random seeded registration (found: one match per key);
 * - the capacity units of one registration and one conflict check (the capacity meter on the shared client).
 */

export interface DealsPlan {
  concurrency: number;
  requests: number;
  rounds: number;
  warmup: number;
  small: number;
  large: number;
  checks: number;
  seedConcurrency: number;
  seedBudgetMs: number;
  maxMsPerRun: number;
}

export interface DealsResult {
  registration: { api: LatencySummary; transaction: LatencySummary };
  checks: { registrations: number; seedMs: number; items: number; loaded: LatencySummary }[];
  capacity: {
    registration: { rcu: number; wcu: number; indexWcu: number; calls: string[] };
    check: { rcu: number; wcu: number; indexWcu: number; calls: string[] };
  };
}

const customer = (tag: string) => ({ legalName: `Bench Customer ${tag} Ltd`, webDomain: `bench-${tag}.example`, country: 'GB' });
const body = (tag: string) => ({
  customer: customer(tag),
  contact: { name: 'Jo Bloggs', email: `jo-${tag}@bench.example` },
  lines: [{ productLine: 'networking', products: ['Edge Router X2'] }],
  value: { amountMinor: 500_000, currency: 'EUR' },
  expectedCloseDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
  description: 'Bench registration',
});

/** The transaction a registration without conflict commits, built by deals' own repository and use case. */
function registrationTransaction(partnerId: string) {
  const tag = randomUUID().slice(0, 12);
  const input = body(tag);
  const deal = newRegistration({ partnerId, input, matches: [], rules: DEFAULT_DEAL_RULES, actor: SYSTEM_ACTOR }, runtimeClock);
  const keys = { webDomain: input.customer.webDomain, legalName: `bench customer ${tag}` };
  const event = makeEvent(DealRegistered, { registration: deal }, { actor: SYSTEM_ACTOR, clock: runtimeClock, partnerId });
  return [
    putNewDeal(deal, keys, DEFAULT_DEAL_RULES).item,
    ...indexWrites(deal, keys).map((w) => w.item),
    { Put: { TableName: tableName(), Item: outboxItem(event), ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

async function seed(stack: LocalStack, from: number, to: number, plan: DealsPlan, log: (s: string) => void): Promise<{ ms: number; items: number }> {
  const doc = DynamoDBDocumentClient.from(localClient(stack.dynamoEndpoint));
  const started = performance.now();
  const deadline = started + plan.seedBudgetMs;
  let next = from;
  let items = 0;
  const worker = async () => {
    while (next < to && performance.now() < deadline) {
      const start = next;
      next = Math.min(to, next + 12);
      const batch: Record<string, unknown>[] = [];
      for (let i = start; i < Math.min(to, start + 12); i++) {
        const id = newId('deal');
        const entry = {
          registrationId: id,
          partnerId: 'ptr_01JD3Z8Q4W6N7P2R5T9V0XKM3A',
          status: 'submitted',
          productLines: ['networking'],
          submittedAt: new Date().toISOString(),
        };
        batch.push({
          pk: `DEAL#CUSTOMER#webDomain#seed-${i}.example`,
          sk: `REG#${id}`,
          kind: 'deal-customer-index',
          on: 'webDomain',
          value: `seed-${i}.example`,
          ...entry,
        });
        batch.push({
          pk: `DEAL#CUSTOMER#legalName#seed customer ${i}`,
          sk: `REG#${id}`,
          kind: 'deal-customer-index',
          on: 'legalName',
          value: `seed customer ${i}`,
          ...entry,
        });
      }
      let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
        [stack.tableName]: batch.map((Item) => ({ PutRequest: { Item } })),
      };
      for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
        const res = await doc.send(new BatchWriteCommand({ RequestItems: request }));
        request = res.UnprocessedItems as typeof request;
      }
      items += batch.length;
      if (items % 20_000 < batch.length) log(`deals: seeding ${(from + items / 2).toLocaleString('en')} / ${to.toLocaleString('en')} registrations`);
    }
  };
  await Promise.all(Array.from({ length: plan.seedConcurrency }, worker));
  doc.destroy();
  return { ms: performance.now() - started, items };
}

export async function benchDeals(plan: DealsPlan, log: (s: string) => void): Promise<DealsResult> {
  const stack = await withTimeout(
    startLocalStack({ port: 0, tableName: `bench-deals-${Date.now().toString(36)}`, relayIntervalMs: 0 }),
    90_000,
    'the deals stack',
  );
  const meter = new CapacityMeter(undefined, { requestConsumedCapacity: true });
  meter.enabled = false;
  meter.attach(rawDynamo());
  const http = httpClient(stack.url, plan.concurrency);
  try {
    const vendor = await stack.token({ sub: 'bench-vendor', roles: ['vendor-admin'] });
    const json = { 'content-type': 'application/json' };
    const partners: { id: string; token: string }[] = [];
    for (let i = 0; i < plan.concurrency; i++) {
      const tag = randomUUID().slice(0, 8);
      const res = await http.request(
        'POST',
        '/partners',
        { ...json, authorization: `Bearer ${vendor}` },
        JSON.stringify({ legalName: `Bench Partner ${tag} Ltd`, webDomain: `partner-${tag}.example`, country: 'GB', type: 'reseller' }),
      );
      if (res.status !== 201) throw new Error(`bench partner: ${res.status} ${res.body}`);
      const id = (JSON.parse(res.body) as { id: string }).id;
      partners.push({ id, token: await stack.token({ sub: `bench-${tag}`, roles: ['partner-sales'], partnerId: id }) });
    }
    const register = async (i: number) => {
      const p = partners[i % partners.length]!;
      const res = await http.request('POST', '/deals', { ...json, authorization: `Bearer ${p.token}` }, JSON.stringify(body(randomUUID().slice(0, 12))));
      if (res.status !== 201) throw new Error(`POST /deals: ${res.status} ${res.body.slice(0, 200)}`);
    };
    const transaction = async (i: number) => {
      const items = registrationTransaction(partners[i % partners.length]!.id);
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
    };

    // Capacity of one registration and one check, before the load.
    meter.reset();
    meter.enabled = true;
    await register(0);
    meter.enabled = false;
    const regCalls = meter.calls();
    const registrationCapacity = {
      ...meter.totals(),
      calls: regCalls.map((c) => `${c.command} ${c.rcu ? `${c.rcu} RCU` : ''}${c.wcu ? `${c.wcu} WCU + ${c.indexWcu} index WCU` : ''}`.trim()),
    };

    log('deals: registration warm-up');
    await runLoad({ concurrency: plan.concurrency, count: plan.warmup, maxMs: plan.maxMsPerRun, op: register });
    await runLoad({ concurrency: plan.concurrency, count: plan.warmup, maxMs: plan.maxMsPerRun, op: transaction });
    const api = [];
    const direct = [];
    const per = Math.ceil(plan.requests / plan.rounds);
    for (let round = 0; round < plan.rounds; round++) {
      log(`deals: registration round ${round + 1} of ${plan.rounds}`);
      const first = round % 2 === 0;
      if (first) api.push(await runLoad({ concurrency: plan.concurrency, count: per, maxMs: plan.maxMsPerRun, op: register }));
      direct.push(await runLoad({ concurrency: plan.concurrency, count: per, maxMs: plan.maxMsPerRun, op: transaction }));
      if (!first) api.push(await runLoad({ concurrency: plan.concurrency, count: per, maxMs: plan.maxMsPerRun, op: register }));
    }

    const checks: DealsResult['checks'] = [];
    let seeded = 0;
    let checkCapacity: DealsResult['capacity']['check'] | undefined;
    for (const size of [plan.small, plan.large]) {
      const s = await seed(stack, seeded, size, plan, log);
      seeded = size;
      const check = async () => {
        const i = Math.floor(Math.random() * size);
        const res = await http.request(
          'POST',
          '/deals/conflict-check',
          { ...json, authorization: `Bearer ${vendor}` },
          JSON.stringify({ customer: { legalName: `Seed Customer ${i}`, webDomain: `www.seed-${i}.example` }, productLines: ['networking'] }),
        );
        if (res.status !== 200 || !res.body.includes('possible-conflict')) throw new Error(`conflict-check: ${res.status} ${res.body.slice(0, 200)}`);
      };
      if (!checkCapacity) {
        meter.reset();
        meter.enabled = true;
        await check();
        meter.enabled = false;
        checkCapacity = { ...meter.totals(), calls: meter.calls().map((c) => `${c.command} ${c.rcu} RCU`) };
      }
      log(`deals: conflict checks with ${size.toLocaleString('en')} registrations`);
      await runLoad({ concurrency: plan.concurrency, count: plan.warmup, maxMs: plan.maxMsPerRun, op: check });
      const runs = [];
      for (let round = 0; round < plan.rounds; round++) {
        runs.push(await runLoad({ concurrency: plan.concurrency, count: Math.ceil(plan.checks / plan.rounds), maxMs: plan.maxMsPerRun, op: check }));
      }
      checks.push({ registrations: size, seedMs: s.ms, items: s.items, loaded: summarise(runs) });
    }
    return {
      registration: { api: summarise(api), transaction: summarise(direct) },
      checks,
      capacity: { registration: registrationCapacity, check: checkCapacity! },
    };
  } finally {
    http.close();
    await withTimeout(stack.stop(), 20_000, 'stopping the deals stack').catch(() => undefined);
  }
}
