import { describe, expect, it } from 'vitest';
import { ContractViolation, contract } from '../support/contract.ts';

/** The contract hook itself: fabricated responses it must refuse (and some it must accept). */

const problem = (status: number) => ({ type: 'https://channelbase.dev/problems/x', title: 'T', status, detail: 'd' });
const respond = (status: number, body: unknown, contentType = 'application/json') => ({
  status,
  headers: new Headers({ 'content-type': contentType }),
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('the response contract check', () => {
  const v = contract();

  it('accepts a documented answer', () => {
    expect(() => v.check('GET', '/partners/ptr_01ARZ3NDEKTSV4RRFFQ69G5FAV', respond(404, problem(404), 'application/problem+json'))).not.toThrow();
    expect(() => v.check('GET', '/health?x=1', respond(200, { status: 'ok', stage: 'local' }))).not.toThrow();
  });

  it('refuses an undocumented status', () => {
    expect(() => v.check('GET', '/me', respond(418, problem(418), 'application/problem+json'))).toThrow(ContractViolation);
    expect(() => v.check('GET', '/me', respond(418, problem(418), 'application/problem+json'))).toThrow(/not documented/);
  });

  it('refuses a content type not declared for the status', () => {
    expect(() => v.check('GET', '/me', respond(401, problem(401), 'application/json'))).toThrow(/content type application\/json is not declared/);
    expect(() => v.check('GET', '/me', { status: 401, headers: new Headers(), text: JSON.stringify(problem(401)) })).toThrow(ContractViolation);
  });

  it('refuses a body that violates the schema', () => {
    expect(() => v.check('GET', '/me', respond(401, { type: 'x', status: '401' }, 'application/problem+json'))).toThrow(/does not match its schema/);
    expect(() => v.check('GET', '/health', respond(200, 'not json'))).toThrow(/not JSON/);
  });

  it('holds unknown routes and gateway answers to the Problem schema, and exempts only the local-only routes', () => {
    expect(() => v.check('GET', '/nowhere', respond(404, problem(404), 'application/problem+json'))).not.toThrow();
    expect(() => v.check('GET', '/nowhere', respond(404, { error: 'nope' }, 'application/problem+json'))).toThrow(ContractViolation);
    expect(() => v.check('GET', '/nowhere', respond(200, {}))).toThrow(/no operation matches/);
    expect(() => v.check('GET', '/me', respond(431, problem(431), 'application/problem+json'))).not.toThrow();
    expect(() => v.check('GET', '/me', respond(431, 'too large', 'text/plain'))).toThrow(ContractViolation);
    expect(() => v.check('POST', '/local/tokens', respond(200, { anything: true }))).not.toThrow();
  });
});
