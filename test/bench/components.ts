import { createHook } from 'node:async_hooks';
import { execFile } from 'node:child_process';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Handler } from 'aws-lambda';
import { PartnerCreated, createPartnerSchema, partnerSchema } from '@channelbase/core/partners';
import { dynamo, tableName } from '@channelbase/platform';
import type { LocalStack } from '@channelbase/local';
import { lambdaContext } from '@channelbase/local/lambda-context';
import { partnerKey } from '../../functions/partners/repository.ts';
import { partnerRoutes } from '../../functions/partners/wiring.ts';
import { PARTNER_BODY } from './latency.ts';
import type { HttpClient } from './load.ts';
import { median } from './stats.ts';

/**
 * What one request's parts cost on their own, one at a time in this process: the pieces the
 * API adds on top of the DynamoDB call. Each figure is the median of batches, in µs per call.
 */
export interface ComponentCosts {
  /** µs per call of each piece. */
  pieces: { name: string; us: number; per: string }[];
  /** Promises created per request (async_hooks PROMISE inits), by layer. */
  promisesPerRequest: { directGet: number; apiGet: number; apiCreate: number };
  /** µs per `await` in this process (any process-wide hook on) and in a clean node process. */
  awaitUs: { bench: number; clean: number };
  /** Estimated µs per API request spent in the async hook: promises × (bench − clean) per await. */
  hookTaxUs: { get: number; create: number };
}

/** Median µs per call over `batches` batches of `per` calls. */
async function time(batches: number, per: number, f: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < per; i++) await f();
    samples.push(((performance.now() - t0) * 1000) / per);
  }
  return median(samples);
}

const AWAIT_LOOP =
  'const f=async(n)=>{for(let i=0;i<n;i++)await Promise.resolve(i)};await f(2e5);const t=performance.now();await f(1e6);console.log((performance.now()-t)/1e3)';

function cleanAwaitUs(): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', AWAIT_LOOP], { timeout: 20_000, env: { PATH: process.env.PATH ?? '' } }, (err, out) =>
      err ? reject(err) : resolve(Number(out.trim())),
    );
  });
}

async function benchAwaitUs(): Promise<number> {
  const f = async (n: number) => {
    for (let i = 0; i < n; i++) await Promise.resolve(i);
  };
  await f(2e5);
  const t = performance.now();
  await f(1e6);
  return (performance.now() - t) / 1e3;
}

/** Promises created while `run` goes, per call, over `n` sequential calls. */
async function promisesPer(n: number, run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === 'PROMISE') count++;
    },
  });
  hook.enable();
  try {
    for (let i = 0; i < n; i++) await run();
  } finally {
    hook.disable();
  }
  return count / n;
}

export async function componentCosts(options: {
  stack: LocalStack;
  client: HttpClient;
  token: string;
  partnerId: string;
  claims: Record<string, string>;
}): Promise<ComponentCosts> {
  const { stack, client, token, partnerId, claims } = options;
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: partnerKey(partnerId), ConsistentRead: true }));
  if (!Item) throw new Error('component costs: no partner item');
  const partner = partnerSchema.parse(Item);
  const getRoute = partnerRoutes.find((r) => r.operationId === 'getPartner');
  const platform = (await import('../../functions/platform/api.ts')) as {
    handler: Handler<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>;
  };
  const health = {
    version: '2.0',
    routeKey: 'GET /health',
    rawPath: '/health',
    rawQueryString: '',
    headers: { host: '127.0.0.1' },
    requestContext: { http: { method: 'GET', path: '/health' }, routeKey: 'GET /health', authorizer: { jwt: { claims, scopes: null } } },
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
  const body = JSON.stringify(PARTNER_BODY);
  const response = JSON.stringify(partner);

  const pieces = [
    { name: 'JWT verification (jose RS256 via WebCrypto, local gateway)', per: 'request', us: await time(10, 30, () => stack.issuer.verify(token)) },
    {
      name: 'zod, GET: path params + partner item parse',
      per: 'GET',
      us: await time(10, 300, () => {
        getRoute?.params.safeParse({ id: partnerId });
        partnerSchema.parse(Item);
      }),
    },
    {
      name: 'zod, POST: body + event data (partner) parse',
      per: 'POST',
      us: await time(10, 300, () => {
        createPartnerSchema.safeParse(PARTNER_BODY);
        PartnerCreated.data.parse({ partner });
      }),
    },
    {
      name: 'middy + Powertools + routing, no DynamoDB (platform GET /health in-process)',
      per: 'request',
      us: await time(10, 200, () => platform.handler(health, lambdaContext('channelbase-platform-api'), () => undefined)),
    },
    {
      name: 'JSON: parse a create body + stringify a partner',
      per: 'request',
      us: await time(10, 1000, () => {
        JSON.parse(body);
        JSON.stringify(partner);
        return response;
      }),
    },
  ];

  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  client.reset();
  const promisesPerRequest = {
    directGet: await promisesPer(20, () => dynamo().send(new GetCommand({ TableName: tableName(), Key: partnerKey(partnerId), ConsistentRead: true }))),
    apiGet: await promisesPer(20, () => client.request('GET', `/partners/${partnerId}`, headers)),
    apiCreate: await promisesPer(20, () => client.request('POST', '/partners', headers, body)),
  };
  const awaitUs = { bench: await benchAwaitUs(), clean: await cleanAwaitUs() };
  const extra = Math.max(0, awaitUs.bench - awaitUs.clean);
  return {
    pieces,
    promisesPerRequest,
    awaitUs,
    hookTaxUs: { get: promisesPerRequest.apiGet * extra, create: promisesPerRequest.apiCreate * extra },
  };
}
