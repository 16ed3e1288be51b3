import { type CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FunctionPart, STATUS_GATE } from '@channelbase/platform/table/access';
import type { ContextWiring } from '@channelbase/platform/wiring';
import { contexts as declared } from '../../functions/contexts.ts';
import { SYNTH_TIMEOUT_MS, type Synthesised, synthesise } from './synth.ts';

/**
 * Least privilege per context (docs/infrastructure.md): every expectation comes from the
 * wirings (owned data, routes, subscriptions, workflows) and the contexts' declared
 * cross-context grants, so a new context is checked without editing this file.
 */

const contexts: readonly ContextWiring[] = declared;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const actions = (st: Statement) => [st.Action].flat();
const keysOf = (st: Statement) => [st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? []].flat() as string[];
const isGate = (st: Statement) => st.Condition?.['ForAllValues:StringEquals']?.['dynamodb:Attributes'] !== undefined;
const owned = (w: ContextWiring) => [...(w.data?.prefixes ?? []), ...(w.data?.indexPartitions ?? [])];

/** The rule the platform's records follow, restated: what each kind of function commits. */
function platformRecords(part: FunctionPart): string[] {
  if (part.kind === 'api') {
    return [
      ...(part.routes.some((r) => r.method !== 'GET') ? ['OUTBOX#*'] : []),
      ...(part.routes.some((r) => r.method === 'POST' && r.idempotent !== false) ? ['IDEMPOTENCY#*'] : []),
      ...(part.routes.some((r) => r.throttle) ? ['RATELIMIT#*'] : []),
    ];
  }
  if (part.kind === 'subscription') return [...(part.spec.publishes === false ? [] : ['OUTBOX#*']), 'CONSUMED#*'];
  return ['OUTBOX#*'];
}

interface Expectation {
  what: string;
  /** Partition pattern → whether the role may write it. */
  keys: Map<string, 'read' | 'write'>;
  statusGate: boolean;
}

let s: Synthesised;
let expected: Map<string, Expectation>;
let tableId: string;
beforeAll(() => {
  s = synthesise({ bundle: false, cfnValidation: false });
  const idOf = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as CfnElement);
  tableId = idOf(s.stack.table.table);
  expected = new Map();
  for (const ctx of s.stack.contexts) {
    for (const [name, { fn, part }] of ctx.functions) {
      const keys = new Map<string, 'read' | 'write'>();
      for (const k of [...owned(ctx.wiring), ...platformRecords(part)]) keys.set(k, 'write');
      for (const use of ctx.dataUses.filter((u) => u.parts.includes(name))) {
        const other = contexts.find((w) => w.name === use.context)!;
        for (const k of owned(other)) if (keys.get(k) !== 'write') keys.set(k, use.access);
      }
      expected.set(idOf(fn.role), { what: `${ctx.wiring.name} ${name}`, keys, statusGate: part.kind === 'api' });
    }
  }
  expected.set(idOf(s.stack.auth.preTokenGeneration.role), { what: 'pre-token trigger', keys: new Map(), statusGate: true });
  expected.set(idOf(s.stack.bus.relay.role), { what: 'outbox relay', keys: new Map(), statusGate: false });
}, SYNTH_TIMEOUT_MS);
afterAll(() => s?.cleanup());

/** The DynamoDB statements of one role's policies. */
function dynamoStatements(roleId: string): Statement[] {
  return s
    .ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref?: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
    .filter((st) => actions(st).some((a) => a.startsWith('dynamodb:')));
}
/** Statements on the table's items (the table or an index), not its stream. */
const onItems = (st: Statement) => {
  const json = JSON.stringify(st.Resource);
  return (
    (json.includes(`"${tableId}"`) && !json.includes('StreamArn')) ||
    (json === '"*"' && actions(st).some((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:ListStreams'))
  );
};

describe('DynamoDB permissions of every Lambda role', () => {
  it('covers every function in the template', () => {
    const roles = s.ofType('AWS::Lambda::Function').map(([, fn]) => (fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]);
    expect(roles.length).toBeGreaterThan(0);
    expect(roles.filter((r) => !expected.has(r))).toEqual([]);
  });

  it('limits every statement on the table or its indexes by dynamodb:LeadingKeys', () => {
    for (const [roleId, e] of expected) {
      for (const st of dynamoStatements(roleId).filter(onItems)) {
        expect(st.Effect, e.what).toBe('Allow');
        expect(keysOf(st).length, `${e.what}: ${st.Sid ?? JSON.stringify(st.Action)}`).toBeGreaterThan(0);
        expect(JSON.stringify(st.Resource), e.what).not.toContain('*');
      }
    }
  });

  it("grants exactly the context's own partitions, the platform records it uses and its declared cross-context ones", () => {
    for (const [roleId, e] of expected) {
      const granted = new Map<string, 'read' | 'write'>();
      for (const st of dynamoStatements(roleId)
        .filter(onItems)
        .filter((st) => !isGate(st))) {
        const writes = actions(st).some((a) => WRITE_ACTIONS.includes(a));
        for (const k of keysOf(st)) if (granted.get(k) !== 'write') granted.set(k, writes ? 'write' : 'read');
      }
      expect(Object.fromEntries([...granted].sort()), e.what).toEqual(Object.fromEntries([...e.keys].sort()));
    }
  });

  it('gives every API function and the pre-token trigger the read-only status gate, and nothing else does', () => {
    for (const [roleId, e] of expected) {
      const gates = dynamoStatements(roleId).filter(isGate);
      if (!e.statusGate) {
        expect(gates, e.what).toEqual([]);
        continue;
      }
      expect(gates, e.what).toHaveLength(1);
      const [gate] = gates as [Statement];
      expect(actions(gate).sort(), e.what).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem']);
      // The table only: the gate reads items by key, never an index.
      expect(gate.Resource, e.what).toEqual({ 'Fn::GetAtt': [tableId, 'Arn'] });
      expect(gate.Condition, e.what).toEqual({
        'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...STATUS_GATE.prefixes] },
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'status', 'sessionsRevokedAt'] },
        StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      });
    }
  });

  it('gives the platform API and the pre-token trigger no write action, and the relay no item access', () => {
    const platformApi = s.stack.contexts.find((c) => c.wiring.name === 'platform')!.functions.get('api')!;
    const readers = [platformApi.fn.role, s.stack.auth.preTokenGeneration.role].map((r) => Stack.of(r).getLogicalId(r.node.defaultChild as CfnElement));
    for (const roleId of readers) {
      expect(
        dynamoStatements(roleId)
          .flatMap(actions)
          .filter((a) => WRITE_ACTIONS.includes(a) || a === 'dynamodb:ConditionCheckItem'),
      ).toEqual([]);
    }
    const relay = Stack.of(s.stack).getLogicalId(s.stack.bus.relay.role.node.defaultChild as CfnElement);
    expect(dynamoStatements(relay).filter(onItems)).toEqual([]);
  });
});

describe('data ownership in the wirings', () => {
  const literal = (pattern: string) => pattern.replace(/\*$/, '');
  /** Could one pattern match a value the other matches? */
  const overlaps = (a: string, b: string) =>
    a === b || (a.endsWith('*') && literal(b).startsWith(literal(a))) || (b.endsWith('*') && literal(a).startsWith(literal(b)));

  it('gives every partition one owner, and leaves the platform records to the platform', () => {
    const claims = contexts.flatMap((w) => owned(w).map((k) => ({ context: w.name, k })));
    for (const a of claims) {
      for (const b of claims) if (a.context < b.context) expect(overlaps(a.k, b.k), `${a.context} ${a.k} / ${b.context} ${b.k}`).toBe(false);
      for (const p of ['OUTBOX#*', 'IDEMPOTENCY#*', 'CONSUMED#*']) expect(overlaps(a.k, p), `${a.context} ${a.k}`).toBe(false);
    }
  });

  it('declares every cross-context grant with a reason, on another context that owns data', () => {
    for (const ctx of s.stack.contexts) {
      for (const use of ctx.dataUses) {
        expect(use.context).not.toBe(ctx.wiring.name);
        expect(owned(contexts.find((w) => w.name === use.context)!).length).toBeGreaterThan(0);
        expect(use.reason.length).toBeGreaterThan(30);
      }
    }
  });
});
