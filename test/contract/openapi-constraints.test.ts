import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_PATTERN } from '@channelbase/platform/http/idempotency';

/**
 * openapi.json states what the server enforces, so that a client generated from it sends only
 * what the server accepts (each rule below is one the server answers 400 or 428 to).
 */

interface Schema {
  [key: string]: unknown;
  $ref?: string;
  pattern?: string;
  properties?: Record<string, Schema>;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document {
  info: { description: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, Record<string, unknown>> };
}

const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../../openapi.json'), 'utf8')) as Document;
const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
const schema = (id: string) => doc.components.schemas[id]!;
const header = (op: Operation, name: string) => op.parameters?.find((p) => p.in === 'header' && p.name === name);

describe('openapi.json states what the server enforces', () => {
  it('an If-Match header may not be empty (an empty one is 428)', () => {
    const conditional = operations.filter(({ op }) => header(op, 'If-Match'));
    expect(conditional.length).toBeGreaterThan(0);
    for (const { op } of conditional) expect(header(op, 'If-Match')!.schema, op.operationId).toMatchObject({ type: 'string', minLength: 1 });
  });

  it('an Idempotency-Key is 1 to 128 visible ASCII characters', () => {
    const idempotent = operations.filter(({ op }) => header(op, 'Idempotency-Key'));
    expect(idempotent.length).toBeGreaterThan(0);
    for (const { op } of idempotent) {
      expect(header(op, 'Idempotency-Key')!.schema, op.operationId).toMatchObject({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]{1,128}$' });
    }
    expect(IDEMPOTENCY_KEY_PATTERN.source).toBe('^[\\x21-\\x7e]{1,128}$');
  });

  it.each(['UpdatePartner', 'UpdatePartnerUser'])('a %s body needs at least one field (`{}` is 400)', (id) => {
    expect(schema(id).minProperties).toBe(1);
  });

  it('roles are unique', () => {
    for (const id of ['AddPartnerUser', 'UpdatePartnerUser']) expect(schema(id).properties!.roles, id).toMatchObject({ uniqueItems: true });
  });

  it('an e-mail address states the pattern the server applies', () => {
    const email = schema('AddPartnerUser').properties!.email!;
    expect(email.pattern).toBeDefined();
    const pattern = new RegExp(email.pattern!);
    expect(pattern.test('ana.lopez@northwind.example')).toBe(true);
    expect(pattern.test('ana@localhost')).toBe(false); // `format: email` alone allows it; the server does not
  });

  it('publishing an agreement needs its text or a documentUrl', () => {
    expect(schema('PublishAgreement').anyOf).toEqual([{ required: ['text'] }, { required: ['documentUrl'] }]);
  });

  it('GET /openapi.json returns an object, not a string', () => {
    const ref = doc.paths['/openapi.json']!.get!.responses['200']!.content!['application/json']!.schema.$ref!;
    expect(schema(ref.replace('#/components/schemas/', ''))).toMatchObject({ type: 'object', required: expect.arrayContaining(['openapi', 'paths']) });
  });

  it('names its bearer JWT scheme and every guarded operation uses it', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.info.description).toContain('bearer');
    for (const { op } of operations) {
      const guarded = 'x-channelbase-roles' in op;
      expect(op.security, op.operationId).toEqual(guarded ? [{ bearer: [] }] : []);
    }
  });

  it('describes only what is built', () => {
    expect(doc.info.description).not.toMatch(/\b(leads|deals|incentives)\b/i);
  });
});
