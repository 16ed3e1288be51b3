import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Handler } from 'aws-lambda';
import { type ContextWiring, type RouteSpec, problem, routeKey } from '@channelbase/platform';
import type { Clock } from '@channelbase/core';
import { lambdaContext } from './lambda-context.ts';
import type { LocalIssuer } from './tokens.ts';

/** API Gateway HTTP APIs refuse payloads above 10 MB before any Lambda runs. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

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
 * The local API Gateway: matches a request to a declared route, verifies the JWT as the
 * authorizer would, builds the HTTP API (v2) event and calls the context's Lambda handler.
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const routes = compileRoutes(options.wirings);
  const handlers = new Map<string, Promise<ApiHandler>>();
  const load = (entry: string) => {
    let h = handlers.get(entry);
    if (!h) {
      h = import(join(options.root, entry)).then((m: { handler: ApiHandler }) => m.handler);
      handlers.set(entry, h);
    }
    return h;
  };

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('local server error', err);
      if (!res.headersSent) send(res, problem(500, 'internal-error', 'The local gateway failed'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const body = await readBody(req);
    if (body === undefined) return send(res, problem(413, 'body-too-large', 'The request body exceeds the gateway limit'));
    if (options.local && (await options.local(req, res, body))) return;

    const method = (req.method ?? 'GET').toUpperCase();
    const match = routes.find((r) => r.route.method === method && r.pattern.test(url.pathname));
    if (!match) return send(res, problem(404, 'not-found', `No route for ${method} ${url.pathname}`));
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
        http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
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
