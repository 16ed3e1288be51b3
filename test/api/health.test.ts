import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startLocalStack } from '@channelbase/local';
import { request, stopAndDropTable } from '../support/stack.ts';
import { contract } from '../support/contract.ts';

/** Issue 8: locally, /health answers 200 only once startup (including the demo seed) has finished. */
const ROOT = join(import.meta.dirname, '../..');

describe('/health while the local stack starts', () => {
  it('answers 503 (a problem, Retry-After: 1) until markReady(), then 200; the other routes answer meanwhile', async () => {
    const stack = await startLocalStack({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: `test-${randomUUID()}`, port: 0, ready: false });
    try {
      expect(stack.ready).toBe(false);
      const starting = await request(stack.url, undefined, 'GET', '/health');
      expect(starting.status).toBe(503);
      expect(starting.headers.get('retry-after')).toBe('1');
      expect(starting.headers.get('content-type')).toBe('application/problem+json');
      expect(starting.body).toMatchObject({ type: expect.stringMatching(/\/not-ready$/), status: 503, title: 'Service Unavailable' });
      // What startup itself calls (the seed goes through the API) is served.
      expect((await request(stack.url, undefined, 'GET', '/openapi.json')).status).toBe(200);

      stack.markReady();
      const ready = await request(stack.url, undefined, 'GET', '/health');
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ok', stage: 'local' });
    } finally {
      await stopAndDropTable(stack);
    }
  });

  it('declares the 503 in the OpenAPI document', () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8'));
    const responses = doc.paths['/health'].get.responses;
    expect(responses['503'].headers).toHaveProperty('Retry-After');
    expect(responses['503'].content).toHaveProperty('application/problem+json');
  });
});

/** A port nobody listens on now. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('npm start, waited on as a fresh-clone check does', () => {
  let child: ChildProcess | undefined;
  let output = '';
  afterAll(async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    // The process group (this test started it): DynamoDB Local's JVM goes with it.
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  });

  it('polls /health until 200, then lists partners and sees the demo partners', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'packages/local/src/main.ts', '--in-memory'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), CHANNELBASE_SEED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));

    const seen: number[] = [];
    const deadline = Date.now() + 110_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`/health never answered 200:\n${output}`);
      const status = await fetch(`${url}/health`).then(
        async (r) => {
          // Each answer, 503 while it starts included, is checked against openapi.json.
          contract(url).check('GET', '/health', { status: r.status, headers: r.headers, text: await r.text() });
          return r.status;
        },
        () => 0, // not listening yet
      );
      if (status) seen.push(status);
      if (status === 200) break;
      expect([0, 503]).toContain(status);
      await new Promise((r) => setTimeout(r, 100));
    }

    // The first thing a waiting client does: the demo data must already be there.
    const tokenRes = await request(url, undefined, 'POST', '/local/tokens', { body: { sub: 'fresh-clone', roles: ['vendor-admin'] } });
    expect(tokenRes.status, tokenRes.text).toBe(200);
    const partners = await request(url, tokenRes.body.token, 'GET', '/partners');
    expect(partners.status, partners.text).toBe(200);
    expect(partners.body.items.map((p: { legalName: string }) => p.legalName).sort()).toEqual(
      ['Contoso Distribution SAS', 'Fabrikam Managed Services Inc.', 'Northwind Systems GmbH'].sort(),
    );
    const applications = await request(url, tokenRes.body.token, 'GET', '/applications');
    expect(applications.body.items).toHaveLength(2);
    // npm start's banner still says how long startup took, and where everything is.
    for (let i = 0; i < 50 && !output.includes('Press Ctrl+C'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/Channelbase local stack is ready \(\d+\.\d s; data: in memory; demo data seeded\)/);
    expect(output).toContain(`API        ${url}`);
    console.log(`/health answered ${[...new Set(seen)].join(' → ')} while npm start ran`);
  });
});
