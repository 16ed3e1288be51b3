/**
 * The fetch the client sends every request through: the caller's token, an Idempotency-Key on
 * every POST, and retries that resend the same request (so the same key) when that is safe.
 */

export type FetchLike = (input: Request) => Promise<Response>;

export interface RetryOptions {
  /** Attempts in all, the first included (default 3; 1 turns retrying off). */
  attempts?: number;
  /** Delay before the nth retry (n from 1), in ms; default 100 · 2^(n-1), at most 2 s. */
  backoff?: (retry: number) => number;
  /** Longest wait a Retry-After header may impose, in ms (default 5 s). */
  maxRetryAfterMs?: number;
}

export interface TransportOptions {
  token?: string;
  getToken?: () => string | undefined | Promise<string | undefined>;
  fetch?: FetchLike | typeof globalThis.fetch;
  retry?: RetryOptions | false;
}

const IN_PROGRESS = /\/request-in-progress$/;

const defaultBackoff = (retry: number) => Math.min(100 * 2 ** (retry - 1), 2000);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Only requests that may be sent twice are resent: reads, and POSTs carrying an Idempotency-Key. */
function resendable(request: Request): boolean {
  return request.method === 'GET' || request.method === 'HEAD' || (request.method === 'POST' && request.headers.has('idempotency-key'));
}

/** A network failure, a 5xx, or a 409 `request-in-progress` (the first of two identical requests is still running). */
async function shouldRetry(response: Response): Promise<boolean> {
  if (response.status >= 500) return true;
  if (response.status !== 409) return false;
  try {
    const body = (await response.clone().json()) as { type?: unknown };
    return typeof body.type === 'string' && IN_PROGRESS.test(body.type);
  } catch {
    return false;
  }
}

function retryAfterMs(response: Response, cap: number): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) ? Math.max(0, Math.min(ms, cap)) : undefined;
}

export function channelbaseFetch(options: TransportOptions): FetchLike {
  const base = (options.fetch ?? globalThis.fetch) as FetchLike;
  const retry = options.retry === false ? { attempts: 1 } : (options.retry ?? {});
  const attempts = Math.max(1, retry.attempts ?? 3);
  const backoff = retry.backoff ?? defaultBackoff;
  const maxRetryAfter = retry.maxRetryAfterMs ?? 5000;

  return async (input) => {
    const request = input;
    if (!request.headers.has('authorization')) {
      const token = options.getToken ? await options.getToken() : options.token;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
    }
    // Made once per call: every resend below carries the same key, so the server replays the first answer.
    if (request.method === 'POST' && !request.headers.has('idempotency-key')) request.headers.set('idempotency-key', crypto.randomUUID());

    const tries = resendable(request) ? attempts : 1;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= tries;
      let response: Response;
      try {
        response = await base(last ? request : request.clone());
      } catch (error) {
        if (last) throw error;
        await sleep(backoff(attempt));
        continue;
      }
      if (last || !(await shouldRetry(response))) return response;
      const wait = retryAfterMs(response, maxRetryAfter) ?? backoff(attempt);
      await response.body?.cancel().catch(() => undefined);
      await sleep(wait);
    }
  };
}
