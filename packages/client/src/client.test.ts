import { describe, expect, it } from 'vitest';
import { ChannelbaseProblemError, createChannelbaseClient } from './index.ts';

/** The client's habits against a scripted fetch (the end-to-end flows are test/api/client.test.ts). */
type Sent = { method: string; url: string; headers: Headers; body: string };

function scripted(...answers: (Response | Error)[]) {
  const sent: Sent[] = [];
  const fetch = async (request: Request) => {
    sent.push({ method: request.method, url: request.url, headers: request.headers, body: await request.text() });
    const answer = answers.shift() ?? new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, fetch };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });
const partner = { id: 'ptr_01ARZ3NDEKTSV4RRFFQ69G5FAV', legalName: 'Acme Ltd', version: 1 };
const ID = partner.id as `ptr_${string}`;

describe('@channelbase/client transport', () => {
  it('sends the token from getToken, asked for each call', async () => {
    let n = 0;
    const { sent, fetch } = scripted(json(200, partner, { etag: '"a"' }), json(200, partner, { etag: '"b"' }));
    const client = createChannelbaseClient({ baseUrl: 'http://api.test/', getToken: async () => `t${++n}`, fetch });
    await client.partners.get(ID);
    await client.partners.get(ID);
    expect(sent.map((s) => [s.url, s.headers.get('authorization')])).toEqual([
      [`http://api.test/partners/${ID}`, 'Bearer t1'],
      [`http://api.test/partners/${ID}`, 'Bearer t2'],
    ]);
  });

  it('resends a read after a network error and a 503, honouring Retry-After; the body and key of a POST stay the same', async () => {
    const { sent, fetch } = scripted(new TypeError('fetch failed'), json(503, {}, { 'retry-after': '0' }), json(200, partner, { etag: '"a"' }));
    const client = createChannelbaseClient({ baseUrl: 'http://api.test', token: 't', fetch, retry: { backoff: () => 1 } });
    expect((await client.partners.get(ID)).etag).toBe('"a"');
    expect(sent).toHaveLength(3);

    const post = scripted(json(500, {}), json(201, partner));
    const poster = createChannelbaseClient({ baseUrl: 'http://api.test', token: 't', fetch: post.fetch, retry: { backoff: () => 1 } });
    await poster.partners.create({ legalName: 'Acme Ltd', webDomain: 'acme.example', country: 'GB', type: 'reseller' });
    expect(post.sent.map((s) => s.body)).toEqual([post.sent[0]!.body, post.sent[0]!.body]);
    expect(JSON.parse(post.sent[0]!.body)).toMatchObject({ legalName: 'Acme Ltd' });
    expect(post.sent[1]!.headers.get('idempotency-key')).toBe(post.sent[0]!.headers.get('idempotency-key'));
  });

  it('never resends a PATCH, and resends nothing when retry is off', async () => {
    const { sent, fetch } = scripted(json(503, { type: 'about:blank', title: 'Unavailable', status: 503, detail: 'down' }));
    const client = createChannelbaseClient({ baseUrl: 'http://api.test', token: 't', fetch, retry: { backoff: () => 1 } });
    const error = await client.partners.update(ID, { displayName: 'Acme' }, { etag: '"a"' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelbaseProblemError);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.headers.get('if-match')).toBe('"a"');
    expect(sent[0]!.headers.has('idempotency-key')).toBe(false);

    const off = scripted(new TypeError('fetch failed'));
    const once = createChannelbaseClient({ baseUrl: 'http://api.test', fetch: off.fetch, retry: false });
    await expect(once.partners.get(ID)).rejects.toThrow('fetch failed');
    expect(off.sent).toHaveLength(1);
  });

  it('does not resend a 409 that is not request-in-progress', async () => {
    const conflict = { type: 'https://channelbase.dev/problems/conflict', title: 'Conflict', status: 409, detail: 'already accepted' };
    const { sent, fetch } = scripted(json(409, conflict));
    const client = createChannelbaseClient({ baseUrl: 'http://api.test', token: 't', fetch, retry: { backoff: () => 1 } });
    const error = (await client.partners.agreements.accept(ID, 'agr_01ARZ3NDEKTSV4RRFFQ69G5FAV').catch((e: unknown) => e)) as ChannelbaseProblemError;
    expect(error).toMatchObject({ status: 409, code: 'conflict', detail: 'already accepted', errors: [] });
    expect(sent).toHaveLength(1);
  });

  it('makes a problem of an error answer that is not one', async () => {
    const { fetch } = scripted(
      new Response('{"message":"Unauthorized"}', { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/json' } }),
    );
    const client = createChannelbaseClient({ baseUrl: 'http://api.test', fetch });
    const error = (await client.partners.get(ID).catch((e: unknown) => e)) as ChannelbaseProblemError;
    expect(error).toMatchObject({ type: 'about:blank', status: 401, title: 'Unauthorized' });
  });
});
