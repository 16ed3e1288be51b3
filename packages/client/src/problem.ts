import type { components } from './schema.ts';

export type Problem = components['schemas']['Problem'];

/** Where the API's problem types live: `type` is this plus a stable slug (`not-found`, `precondition-failed`...). */
export const PROBLEM_TYPE_BASE = 'https://channelbase.dev/problems/';

/** An RFC 9457 problem answer of the API, thrown by the client's helpers (and by `unwrap`). */
export class ChannelbaseProblemError extends Error {
  override readonly name = 'ChannelbaseProblemError';
  /** The problem type URI, e.g. `https://channelbase.dev/problems/not-found`. */
  readonly type: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** Field-level failures (validation problems): JSON paths into the request and what is wrong. */
  readonly errors: { path: string; message: string }[];
  /** The HTTP response the problem came in (its headers: Retry-After, ETag...). */
  readonly response: Response | undefined;

  constructor(problem: Problem, response?: Response) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.type = problem.type;
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.response = response;
  }

  /** The type's slug (`not-found`), or the whole type if it is not one of the API's. */
  get code(): string {
    return this.type.startsWith(PROBLEM_TYPE_BASE) ? this.type.slice(PROBLEM_TYPE_BASE.length) : this.type;
  }

  /** Builds the error from an error body openapi-fetch returned; a body that is not a problem still gives one (`about:blank`). */
  static from(body: unknown, response: Response): ChannelbaseProblemError {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<Problem>;
    return new ChannelbaseProblemError(
      {
        type: typeof b.type === 'string' ? b.type : 'about:blank',
        status: typeof b.status === 'number' ? b.status : response.status,
        title: typeof b.title === 'string' ? b.title : response.statusText || `HTTP ${response.status}`,
        detail: typeof b.detail === 'string' ? b.detail : typeof body === 'string' ? body : '',
        ...(Array.isArray(b.errors) ? { errors: b.errors } : {}),
      },
      response,
    );
  }
}

export const isProblem = (error: unknown, code?: string): error is ChannelbaseProblemError =>
  error instanceof ChannelbaseProblemError && (code === undefined || error.code === code);
