import { randomUUID } from 'node:crypto';
import { type IncomingMessage, STATUS_CODES, type Server, type ServerResponse, createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Handler } from 'aws-lambda';
import { type ContextWiring, type RouteSpec, problem, routeKey } from '@channelbase/platform';
import type { Clock } from '@channelbase/core';
import { lambdaContext } from './lambda-context.ts';
import type { LocalIssuer } from './tokens.ts';

/** API Gateway HTTP APIs refuse payloads above 10 MB before any Lambda runs. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

/**
 * API Gateway HTTP APIs refuse a request whose request line and header values together exceed
 * 10 240 bytes (a quota that cannot be raised) before any Lambda runs. The local gateway applies
 * the same limit, answering 414 when the request line alone is too long and 431 otherwise.
 */
export const GATEWAY_MAX_REQUEST_HEAD = 10_240;
/**
 * Node's own limit on a request's head (its default is 16 KB, above which it answers a bare 431
 * with no body): raised well above the gateway's, so that the check here is the one that answers.
 */
const NODE_MAX_HEADER_SIZE = 64 * 1024;

type ApiHandler = Handler<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>;

interface CompiledRoute {
  route: RouteSpec;
  context: string;
  entry: string;
  pattern: RegExp;
  names: string[];
  literals: number;
}

/** Every route the wirings declare: what the local server serves (and the stack deploys). */
export function compileRoutes(wirings: readonly ContextWiring[]): CompiledRoute[] {
  return wirings
    .flatMap((w) =>
      (w.api?.routes ?? []).map((route) => {
        const segments = route.path.split('/').filter(Boolean);
        const names: string[] = [];
        const pattern = new RegExp(
          `^/${segments
            .map((s) => {
              const m = /^\{(\w+)\}$/.exec(s);
              if (!m) return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
              names.push(m[1]!);
              return '([^/]+)';
            })
            .join('/')}$`,
        );
        return { route, context: w.name, entry: w.api!.entry, pattern, names, literals: segments.length - names.length };
      }),
    )
    .sort((a, b) => b.literals - a.literals);
}

/** Why a request is refused, and in how many whole seconds it may be retried. */
interface Refusal {
  detail: string;
  retryAfter: number;
}

/**
 * A route's `throttle`, as API Gateway's route throttling applies it: one token bucket for the
 * whole route (`burstLimit` tokens, refilled at `rateLimit` per second), whoever sends. A refused
 * request uses up nothing. The per-source limit (`perSourcePerMinute`) is not the gateway's: the
 * HTTP pipeline applies it with a counter in the table, the same in AWS and here
 * (packages/platform/src/http/rate-limit.ts).
 */
export class RouteThrottle {
  #tokens: number;
  #refilledAt: number;

  constructor(
    private readonly limits: Pick<NonNullable<RouteSpec['throttle']>, 'rateLimit' | 'burstLimit'>,
    now: number,
  ) {
    this.#tokens = limits.burstLimit;
    this.#refilledAt = now;
  }

  /** Admits (and counts) one request at `now`, or says why not. */
  admit(now: number): Refusal | undefined {
    const { rateLimit, burstLimit } = this.limits;
    this.#tokens = Math.min(burstLimit, this.#tokens + (Math.max(0, now - this.#refilledAt) / 1000) * rateLimit);
    this.#refilledAt = now;
    if (this.#tokens < 1) {
      return { detail: 'This operation is receiving too many requests', retryAfter: Math.max(1, Math.ceil((1 - this.#tokens) / rateLimit)) };
    }
    this.#tokens -= 1;
    return undefined;
  }
}

/** `::ffff:203.0.113.9` (IPv4 on a dual-stack socket) is `203.0.113.9`, as API Gateway reports it. */
const sourceAddress = (req: IncomingMessage): string => (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');

/** Turns claims into what the HTTP API JWT authorizer passes on: strings, arrays as `[a b]`. */
export function gatewayClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : String(v)]));
}

export interface LocalServerOptions {
  wirings: readonly ContextWiring[];
  root: string;
  issuer: LocalIssuer;
  clock: Clock;
  /** Extra routes of the local runtime (tokens); return true if handled. */
  local?: (req: IncomingMessage, res: ServerResponse, body: string) => Promise<boolean>;
}

/**
 * The local API Gateway: matches a request to a declared route, applies its `throttle`,
 * verifies the JWT as the authorizer would, builds the HTTP API (v2) event and calls the context's Lambda handler.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const routes = compileRoutes(options.wirings);
  const throttles = new Map<string, RouteThrottle>();
  for (const { route } of routes) if (route.throttle) throttles.set(routeKey(route), new RouteThrottle(route.throttle, options.clock.now().getTime()));
  const handlers = new Map<string, Promise<ApiHandler>>();
  const load = (entry: string) => {
    let h = handlers.get(entry);
    if (!h) {
      h = import(join(options.root, entry)).then((m: { handler: ApiHandler }) => m.handler);
      handlers.set(entry, h);
    }
    return h;
  };

  const server = createServer({ maxHeaderSize: NODE_MAX_HEADER_SIZE }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('local server error', err);
      if (!res.headersSent) send(res, problem(500, 'internal-error', 'The local gateway failed'));
    });
  });
  // A request Node cannot parse never reaches the handler; without this it gets an empty 400 or 431.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) return socket.destroy();
    const result =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? problem(431, 'headers-too-large', `The request line and headers exceed ${NODE_MAX_HEADER_SIZE} bytes (in AWS: ${GATEWAY_MAX_REQUEST_HEAD})`)
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? problem(408, 'request-timeout', 'The request was not received in time')
          : problem(400, 'malformed-request', 'The request is not valid HTTP');
    const body = result.body ?? '';
    socket.end(
      `HTTP/1.1 ${result.statusCode} ${STATUS_CODES[result.statusCode] ?? ''}\r\ncontent-type: application/problem+json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  });
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const oversized = oversizedHead(req);
    if (oversized) {
      req.resume();
      return send(res, oversized);
    }
    const url = new URL(req.url ?? '/', 'http://local');
    const body = await readBody(req);
    if (body === undefined) return send(res, problem(413, 'body-too-large', 'The request body exceeds the gateway limit'));
    if (options.local && (await options.local(req, res, body))) return;

    const method = (req.method ?? 'GET').toUpperCase();
    const match = routes.find((r) => r.route.method === method && r.pattern.test(url.pathname));
    if (!match) return send(res, problem(404, 'not-found', `No route for ${method} ${url.pathname}`));
    // As API Gateway: a throttled request is refused before the authorizer and the handler.
    const refusal = throttles.get(routeKey(match.route))?.admit(options.clock.now().getTime());
    // The client's address, as API Gateway reports it: what per-source limits and anonymous idempotency keys count.
    const sourceIp = sourceAddress(req);
    if (refusal) return send(res, problem(429, 'too-many-requests', refusal.detail, [], { 'retry-after': String(refusal.retryAfter) }));
    const values = match.pattern.exec(url.pathname)!.slice(1);
    let pathParameters: Record<string, string>;
    try {
      pathParameters = Object.fromEntries(match.names.map((n, i) => [n, decodeURIComponent(values[i]!)]));
    } catch {
      return send(res, problem(400, 'validation-failed', 'The path is not valid'));
    }

    let claims: Record<string, string> | undefined;
    if (match.route.auth !== 'public') {
      const token = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
      const verified = token ? await options.issuer.verify(token) : undefined;
      if (!verified) return send(res, problem(401, 'unauthorized', 'A valid access token is required', [], { 'www-authenticate': 'Bearer' }));
      claims = gatewayClaims(verified);
    }

    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
    // Through a Map: names such as __proto__ or constructor must stay plain own keys, as in the gateway's JSON event.
    const params = new Map<string, string>();
    for (const [k, v] of url.searchParams) params.set(k, params.has(k) ? `${params.get(k)},${v}` : v);
    const query: Record<string, string> = Object.fromEntries(params);
    const now = options.clock.now();
    const event = {
      version: '2.0',
      routeKey: routeKey(match.route),
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      ...(url.search ? { queryStringParameters: query } : {}),
      ...(match.names.length ? { pathParameters } : {}),
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'localhost',
        http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp, userAgent: headers['user-agent'] ?? '' },
        requestId: randomUUID(),
        routeKey: routeKey(match.route),
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      },
      ...(body.length ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
    const handler = await load(match.entry);
    const result = (await handler(event, lambdaContext(`channelbase-${match.context}-api`), () => undefined)) as APIGatewayProxyStructuredResultV2;
    send(res, result);
  }
}

/**
 * The gateway's limit on the request line plus header values: a problem answer if it is exceeded.
 * A request line that alone is over the limit (typically a long query string) is 414; otherwise 431.
 */
function oversizedHead(req: IncomingMessage): APIGatewayProxyStructuredResultV2 | undefined {
  const line = Buffer.byteLength(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}`);
  let size = line;
  for (let i = 1; i < req.rawHeaders.length; i += 2) size += Buffer.byteLength(req.rawHeaders[i]!);
  if (size <= GATEWAY_MAX_REQUEST_HEAD) return undefined;
  if (line > GATEWAY_MAX_REQUEST_HEAD) {
    return problem(
      414,
      'uri-too-long',
      `The request line is ${line} bytes: with the header values it must stay within ${GATEWAY_MAX_REQUEST_HEAD} bytes (shorten the query string)`,
    );
  }
  return problem(431, 'headers-too-large', `The request line and header values are ${size} bytes: at most ${GATEWAY_MAX_REQUEST_HEAD} are accepted`);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > GATEWAY_MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const body = result.isBase64Encoded && result.body ? Buffer.from(result.body, 'base64') : (result.body ?? '');
  res.writeHead(result.statusCode ?? 200, { ...(result.headers as Record<string, string>), 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
