import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { partnerBody, useStack } from '../support/stack.ts';

const t = useStack();

describe('platform routes', () => {
  it('answers /health without a token', async () => {
    const res = await t.anonymous.call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', stage: 'local' });
  });

  it('serves the committed OpenAPI document', async () => {
    const res = await t.anonymous.call('GET', '/openapi.json');
    expect(res.body).toEqual(JSON.parse(readFileSync(join(import.meta.dirname, '../../openapi.json'), 'utf8')));
  });

  it('serves the API reference page and its script from the same route, without a CDN', async () => {
    const page = await t.anonymous.call('GET', '/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('data-url="openapi.json"');
    expect(page.text).not.toMatch(/https?:\/\//);
    const script = await t.anonymous.call('GET', '/docs?asset=reference.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.text.length).toBeGreaterThan(100_000);
    expect((await t.anonymous.call('GET', '/docs?asset=../../etc/passwd')).status).toBe(400);
  });

  it('tells the caller who it is', async () => {
    const { id } = (await (await t.as('vendor-admin')).call('POST', '/partners', { body: partnerBody() })).body;
    const partner = await t.as('partner-sales', { partnerId: id, sub: 'sam' });
    const me = await partner.call('GET', '/me');
    expect(me.body).toEqual({ sub: 'sam', roles: ['partner-sales'], partnerId: id, userId: null, isVendor: false });
    expect((await t.anonymous.call('GET', '/me')).status).toBe(401);
  });
});
