import * as z from '@channelbase/core/kernel/zod';
import type { FieldProblem } from '@channelbase/core';

export const PROBLEM_TYPE_BASE = 'https://channelbase.dev/problems/';

export const problemSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      type: z.withMeta(z.string(), { example: `${PROBLEM_TYPE_BASE}validation-failed` }),
      title: z.string(),
      status: z.number().check(z.int()),
      detail: z.string(),
      errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
    }),
    { id: 'Problem', description: 'RFC 9457 problem details.' },
  ),
);

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error that is already an HTTP answer: the platform raises it for protocol-level faults. */
export class HttpProblemError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    detail: string,
    readonly errors: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'HttpProblemError';
  }
}

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

/** An `application/problem+json` response. */
export function problem(status: number, type: string, detail: string, errors: FieldProblem[] = [], headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}${type}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      ...(errors.length ? { errors } : {}),
    }),
  };
}

/** Zod issues as field problems with dotted paths (`locations.0.country`). */
export const zodProblems = (error: z.ZodError, prefix?: string): FieldProblem[] =>
  error.issues.map((i) => {
    const path = [...(prefix ? [prefix] : []), ...i.path.map(String)];
    const keys = i.code === 'unrecognized_keys' ? i.keys : [];
    if (keys.length) return { path: [...path, keys.join(',')].join('.'), message: `unknown field${keys.length > 1 ? 's' : ''}: ${keys.join(', ')}` };
    return { path: path.join('.') || '(root)', message: i.message };
  });
