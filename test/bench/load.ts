import { Agent, request as httpRequest } from 'node:http';
import { percentile } from './stats.ts';

export interface HttpAnswer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A keep-alive HTTP/1.1 client for loopback, with at most `connections` sockets. */
export function httpClient(base: string, connections: number) {
  const url = new URL(base);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`The benchmark only calls loopback, not ${url.hostname}`);
  const newAgent = () => new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  let agent = newAgent();
  return {
    request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            method,
            path,
            agent,
            headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path} timed out`)));
        req.end(body);
      });
    },
    /** Drops the pooled connections; the next requests open new ones. */
    reset(): void {
      agent.destroy();
      agent = newAgent();
    },
    close(): void {
      agent.destroy();
    },
  };
}
export type HttpClient = ReturnType<typeof httpClient>;

export interface LoadResult {
  /** Latency of each completed request, in ms. */
  samples: number[];
  errors: number;
  firstError?: string;
  elapsedMs: number;
  /** CPU time of this process (all threads) per completed request, in µs. */
  cpuUsPerRequest: number;
  /** True when the time limit stopped the run before `count` requests. */
  truncated: boolean;
}

/**
 * A closed loop: `concurrency` workers each start the next request as soon as their previous
 * one ends, until `count` requests have started or `maxMs` has passed.
 */
export async function runLoad(options: { concurrency: number; count: number; maxMs: number; op: (i: number) => Promise<void> }): Promise<LoadResult> {
  const { concurrency, count, maxMs, op } = options;
  const samples: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + maxMs;
  const cpu = process.cpuUsage();
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        await op(i);
        samples.push(performance.now() - t0);
      } catch (err) {
        errors++;
        firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return {
    samples,
    errors,
    ...(firstError ? { firstError } : {}),
    elapsedMs: performance.now() - started,
    cpuUsPerRequest: samples.length ? (used.user + used.system) / samples.length : Number.NaN,
    truncated: next < count,
  };
}

/** Summary of one or more load runs of the same kind. */
export interface LatencySummary {
  requests: number;
  errors: number;
  firstError?: string;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Completed requests per second of wall time. */
  throughput: number;
  cpuUsPerRequest: number;
  truncated: boolean;
}

export function summarise(runs: readonly LoadResult[]): LatencySummary {
  const samples = runs.flatMap((r) => r.samples);
  const elapsed = runs.reduce((n, r) => n + r.elapsedMs, 0);
  const cpu = runs.reduce((n, r) => n + r.cpuUsPerRequest * r.samples.length, 0);
  const firstError = runs.find((r) => r.firstError)?.firstError;
  return {
    requests: samples.length,
    errors: runs.reduce((n, r) => n + r.errors, 0),
    ...(firstError ? { firstError } : {}),
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
    throughput: elapsed > 0 ? (samples.length / elapsed) * 1000 : Number.NaN,
    cpuUsPerRequest: samples.length ? cpu / samples.length : Number.NaN,
    truncated: runs.some((r) => r.truncated),
  };
}
