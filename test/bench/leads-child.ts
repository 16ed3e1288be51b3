/**
 * One size of the leads bench, in its own process (the platform's table name is read once per
 * process): `TABLE_NAME`, `DYNAMODB_ENDPOINT`, `BENCH_PARTNERS` and `BENCH_FULL` (also run the
 * throughput, batch and capacity measurements) come from the parent (test/bench/leads.ts), which
 * reads one JSON line from stdout.
 *
 * The partners are loaded as leads' own items (candidate entry and routing state, what routing reads),
 * the items the candidate consumer writes, by BatchWriteItem: 50 countries, 10 product lines;
 * partner i serves country i mod 50 and product line ⌊i / 50⌋ mod 10, every other block of 500
 * country-wide, the rest one of 10 regions of its country (R0 … R9).
 */
import { randomUUID } from 'node:crypto';
import { BatchGetCommand, BatchWriteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ensureTable } from '@channelbase/local';
import { lambdaContext } from '@channelbase/local/lambda-context';
import { dynamo, rawDynamo, runtimeClock, tableName } from '@channelbase/platform';
import { type CreateLeadInput, type RoutingDecision, WINDOW_PER_KEY, newLead } from '@channelbase/core/leads';
import { routeLead } from '../../functions/leads/routing.ts';

const N = Number(process.env.BENCH_PARTNERS);
const FULL = process.env.BENCH_FULL === '1';
const QUICK = process.env.BENCH_QUICK === '1';
const COUNTRIES =
  'AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK TR UA RS BA ME MK AL MD GE AM AZ IL JO MA TN EG ZA KE'.split(
    ' ',
  );
const LINES = Array.from({ length: 10 }, (_, i) => `line-${i}`);
const log = (line: string) => console.error(`    [leads ${N}] ${line}`);

const partnerId = (i: number) => `ptr_01JD${String(i).padStart(22, '0')}`;
function partnerOf(i: number) {
  const country = COUNTRIES[i % 50]!;
  const line = LINES[Math.floor(i / 50) % 10]!;
  const countryWide = Math.floor(i / 500) % 2 === 0;
  const territory = countryWide ? country : `${country}-R${Math.floor(i / 1000) % 10}`;
  return { id: partnerId(i), territory, line };
}

async function seed(): Promise<number> {
  const t = tableName();
  const started = performance.now();
  const items = (i: number) => {
    const p = partnerOf(i);
    const key = `${p.territory}#${p.line}`;
    return [
      {
        pk: `LEAD#IDX#${key}`,
        sk: p.id,
        // The readable index (gsi5) as putEntry writes it: active with capacity, never offered yet.
        gsi5pk: `LEAD#IDX#${key}`,
        gsi5sk: `0#${p.id}`,
        kind: 'lead-candidate',
        partnerId: p.id,
        status: 'active',
        tier: ['gold', 'silver', 'bronze'][i % 3],
        leadCapacity: 10_000,
        coordinates: [],
        version: 1,
      },
      {
        pk: `LEAD#PTR#${p.id}`,
        sk: 'STATE',
        kind: 'lead-routing-state',
        partnerId: p.id,
        capacity: 10_000,
        capacityVersion: 1,
        load: 0,
        outcomes: [],
        won: 0,
        lost: 0,
      },
    ];
  };
  const all = Array.from({ length: N }, (_, i) => i);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < all.length) {
        const chunk = all.slice(next, next + 12);
        next += 12;
        let requests = chunk.flatMap(items).map((Item) => ({ PutRequest: { Item } }));
        while (requests.length) {
          const res = await dynamo().send(new BatchWriteCommand({ RequestItems: { [t]: requests } }));
          requests = (res.UnprocessedItems?.[t] as typeof requests | undefined) ?? [];
        }
      }
    }),
  );
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: t, Item: { pk: 'LEAD#VOCABULARY', sk: 'TIERS', kind: 'lead-vocabulary', keys: ['gold', 'silver', 'bronze'], version: 1 } } },
      ],
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  log(`seeded ${N} partners (${N * 2} items: candidate entry and routing state) in ${seconds.toFixed(0)} s`);
  return seconds;
}

/** A lead in region R0 of a random country, one random product line: at least one candidate at every size. */
function leadInput(): CreateLeadInput {
  const country = COUNTRIES[Math.floor(Math.random() * 50)]!;
  return {
    company: { name: `Bench Lead ${randomUUID().slice(0, 8)}` },
    country,
    region: `${country}-R0`,
    productLines: [LINES[Math.floor(Math.random() * 10)]!],
    contact: { name: 'Bench Contact', email: 'bench@lead.example' },
    source: 'bench',
    route: true,
  };
}

let lastDecision: RoutingDecision | undefined;
/** Routes one new lead, as POST /leads does (intake and routing in one transaction). */
async function routeOne(): Promise<string> {
  const lead = newLead(leadInput(), runtimeClock);
  const { lead: routed, decision } = await routeLead(lead, lead, 'created', { create: { duplicate: () => new Error('duplicate') } });
  lastDecision = decision;
  return routed.status;
}

/**
 * The direct DynamoDB calls one routing needs, without the context's code: settings and tier
 * list (2 consistent GetItems), per key (country and region) one Query of the readable index
 * (gsi5, `Limit` WINDOW_PER_KEY) and one of its inactive part, one consistent BatchGetItem of the
 * candidates' state, one TransactWriteItems (lead, decision with at most 10 breakdowns, state
 * update, 2 outbox events), then the offered partner's order under its keys (UpdateItem), with
 * items of the same size.
 */
async function directOne(): Promise<void> {
  const t = tableName();
  const input = leadInput();
  const line = input.productLines[0]!;
  await Promise.all([
    dynamo().send(new GetCommand({ TableName: t, Key: { pk: 'LEAD#SETTINGS', sk: 'SETTINGS' }, ConsistentRead: true })),
    dynamo().send(new GetCommand({ TableName: t, Key: { pk: 'LEAD#VOCABULARY', sk: 'TIERS' }, ConsistentRead: true })),
  ]);
  const keys = [input.country, input.region!].map((territory) => `${territory}#${line}`);
  const found = (
    await Promise.all(
      keys.flatMap((key) =>
        ['LEAD#IDX#', 'LEAD#IDXOFF#'].map((prefix) =>
          dynamo().send(
            new QueryCommand({
              TableName: t,
              IndexName: 'gsi5',
              KeyConditionExpression: 'gsi5pk = :pk',
              ExpressionAttributeValues: { ':pk': `${prefix}${key}` },
              Limit: WINDOW_PER_KEY,
            }),
          ),
        ),
      ),
    )
  ).flatMap((r) => r.Items ?? []);
  const ids = [...new Set(found.map((i) => i.partnerId as string))];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
  await Promise.all(
    chunks.map((c) =>
      dynamo().send(new BatchGetCommand({ RequestItems: { [t]: { Keys: c.map((id) => ({ pk: `LEAD#PTR#${id}`, sk: 'STATE' })), ConsistentRead: true } } })),
    ),
  );
  const chosen = found[0];
  const id = `lead_${randomUUID().replace(/-/g, '').slice(0, 26).toUpperCase()}`;
  const blob = 'x'.repeat(900);
  const now = new Date().toISOString();
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: t,
            Item: { pk: `LEAD#${id}`, sk: 'LEAD', blob, gsi1pk: 'LEAD#ALL#0', gsi1sk: id, gsi2pk: 'LEAD#STATUS#offered#0', gsi2sk: id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: t, Item: { pk: `LEAD#${id}`, sk: `ROUTING#${id}`, blob: 'x'.repeat(500 + 400 * Math.min(ids.length, 10)) } } },
        { Put: { TableName: t, Item: { pk: `OUTBOX#bench#${id}`, sk: '1', blob } } },
        { Put: { TableName: t, Item: { pk: `OUTBOX#bench#${id}`, sk: '2', blob } } },
        ...(chosen
          ? [
              {
                Update: {
                  TableName: t,
                  Key: { pk: `LEAD#PTR#${chosen.partnerId as string}`, sk: 'STATE' },
                  UpdateExpression: 'SET #l = #l + :one, fairnessAt = :now',
                  ConditionExpression: '#l < #c',
                  ExpressionAttributeNames: { '#l': 'load', '#c': 'capacity' },
                  ExpressionAttributeValues: { ':one': 1, ':now': now },
                },
              },
            ]
          : []),
      ],
    }),
  );
  // As moveToBack: a concurrent step that already moved the partner later fails the condition, which is ignored.
  if (chosen)
    await dynamo()
      .send(
        new UpdateCommand({
          TableName: t,
          Key: { pk: chosen.pk as string, sk: chosen.sk as string },
          UpdateExpression: 'SET gsi5sk = :sk',
          ConditionExpression: 'gsi5pk = :pk AND gsi5sk < :sk',
          ExpressionAttributeValues: { ':sk': `${now}#${chosen.partnerId as string}`, ':pk': chosen.gsi5pk },
        }),
      )
      .catch((err: unknown) => {
        if ((err as { name?: string }).name !== 'ConditionalCheckFailedException') throw err;
      });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : Number.NaN;
};

async function timed(count: number, concurrency: number, op: () => Promise<unknown>): Promise<{ samples: number[]; seconds: number }> {
  const samples: number[] = [];
  let left = count;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const t0 = performance.now();
        await op();
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

/** The capacity units of the calls `op` makes (ReturnConsumedCapacity TOTAL on every call). */
async function capacityOf(op: () => Promise<unknown>): Promise<{ read: number; write: number; calls: Record<string, number> }> {
  const totals = { read: 0, write: 0, calls: {} as Record<string, number> };
  const stack = rawDynamo().middlewareStack as unknown as {
    add(m: unknown, o: { step: string; name: string }): void;
    remove(name: string): void;
  };
  stack.add(
    (next: (a: { input: Record<string, unknown> }) => Promise<{ output: Record<string, unknown> }>, context: { commandName?: string }) =>
      async (args: { input: Record<string, unknown> }) => {
        args.input.ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const name = context.commandName ?? 'call';
        totals.calls[name] = (totals.calls[name] ?? 0) + 1;
        const consumed = result.output.ConsumedCapacity as
          | { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number }[]
          | { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number }
          | undefined;
        for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          const write = /Write|Put|Update|Delete/.test(name);
          totals.read += c.ReadCapacityUnits ?? (write ? 0 : (c.CapacityUnits ?? 0));
          totals.write += c.WriteCapacityUnits ?? (write ? (c.CapacityUnits ?? 0) : 0);
        }
        return result;
      },
    { step: 'initialize', name: 'benchCapacity' },
  );
  try {
    await op();
  } finally {
    stack.remove('benchCapacity');
  }
  return totals;
}

/** POST /leads/batch with `count` leads, through the leads API handler in this process (no HTTP, no JWT). */
async function batchOnce(count: number): Promise<{ ms: number; created: number; offered: number }> {
  const { handler } = (await import('../../functions/leads/api.ts')) as unknown as {
    handler: (e: APIGatewayProxyEventV2WithJWTAuthorizer, c: Context) => Promise<APIGatewayProxyStructuredResultV2>;
  };
  const body = JSON.stringify({ leads: Array.from({ length: count }, () => ({ ...leadInput(), externalId: `bench-${randomUUID()}` })) });
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: 'POST /leads/batch',
    rawPath: '/leads/batch',
    rawQueryString: '',
    headers: { host: '127.0.0.1', 'content-type': 'application/json', authorization: 'Bearer (verified)', 'content-length': String(Buffer.byteLength(body)) },
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: { jwt: { claims: { sub: 'bench-vendor', 'cognito:groups': '[vendor-admin]', token_use: 'access', username: 'bench-vendor' }, scopes: null } },
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: { method: 'POST', path: '/leads/batch', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: 'POST /leads/batch',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  const t0 = performance.now();
  const res = await handler(event, lambdaContext('channelbase-leads-api', 300_000));
  const ms = performance.now() - t0;
  if (res.statusCode !== 200) throw new Error(`batch answered ${res.statusCode}: ${String(res.body).slice(0, 300)}`);
  const results = (JSON.parse(String(res.body)) as { results: { outcome: string; status: string | null }[] }).results;
  return { ms, created: results.filter((r) => r.outcome === 'created').length, offered: results.filter((r) => r.status === 'offered').length };
}

async function main() {
  await ensureTable(rawDynamo(), tableName());
  const seedSeconds = await seed();
  const warm = QUICK ? 10 : 50;
  const sequential = Number(process.env.BENCH_LEADS_SEQUENTIAL) || (QUICK ? 40 : 300);
  await timed(warm, 1, routeOne);
  const cap = await capacityOf(routeOne);
  const candidates = await (async () => {
    const input = leadInput();
    const res = await Promise.all(
      [input.country, input.region!].map((territory) =>
        dynamo().send(
          new QueryCommand({
            TableName: tableName(),
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `LEAD#IDX#${territory}#${input.productLines[0]}` },
            Select: 'COUNT',
          }),
        ),
      ),
    );
    return res.reduce((n, r) => n + (r.Count ?? 0), 0);
  })();
  // Sequential routings interleaved with their direct calls, so that noise falls on both alike.
  const routing: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < sequential; i++) {
    routing.push(...(await timed(1, 1, routeOne)).samples);
    direct.push(...(await timed(1, 1, directOne)).samples);
  }
  const result: Record<string, unknown> = {
    partners: N,
    seedSeconds,
    candidatesPerLead: candidates,
    routingP50Ms: median(routing),
    routingP95Ms: pct(routing, 0.95),
    directP50Ms: median(direct),
    capacity: cap,
    // What the last routing read (distinct partners) and the size of the decision it stored.
    readPerLead: lastDecision?.selection?.read ?? null,
    exact: lastDecision?.selection?.exact ?? null,
    decisionBytes: lastDecision ? Buffer.byteLength(JSON.stringify(lastDecision)) : null,
  };
  if (FULL) {
    const count = QUICK ? 100 : 1000;
    await timed(QUICK ? 16 : 64, 16, directOne);
    const api = await timed(count, 16, routeOne);
    const raw = await timed(count, 16, directOne);
    result.throughput = {
      leads: count,
      concurrency: 16,
      routingPerSecond: count / api.seconds,
      routingP50Ms: median(api.samples),
      directPerSecond: count / raw.seconds,
      directP50Ms: median(raw.samples),
    };
    result.batch = await batchOnce(QUICK ? 50 : 500);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error('leads bench child failed:', err);
    process.exit(1);
  },
);
