import { Stack, Validations } from 'aws-cdk-lib';
import { CfnPolicy, CfnRole, type Role } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** What cdk-nag 3 reports for every policy with a statement on `Resource: '*'` (one finding per policy, whatever the statements). */
export const UNSCOPED_FINDING = 'AwsSolutions-IAM5[Resource::*]';

/** A statement on `Resource: '*'` that one part of the code creates, with the reason it cannot name a resource. */
export interface UnscopedGrant {
  /** Who creates the statement: `Active X-Ray tracing`, `the stream event source`. */
  by: string;
  /** Exactly the statement's actions. */
  actions: readonly string[];
  /** Why these actions take no resource. */
  reason: string;
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}

const declared = new WeakMap<Role, UnscopedGrant[]>();

/**
 * Declares, where it is created, one statement of `role` that must be on `Resource: '*'`, and
 * acknowledges cdk-nag's `AwsSolutions-IAM5[Resource::*]` finding on the role with the
 * reasons of exactly the statements declared. cdk-nag names the finding after the resource
 * only, once per policy, so the acknowledgement alone would also cover a wildcard statement
 * added later by anyone; the validation registered here makes synthesis fail instead, unless
 * every statement on `*` of the role's policies holds only declared actions, and every
 * declared action is granted on `*`.
 * @example declareUnscoped(fn.role, { by: 'the stream event source', actions: ['dynamodb:ListStreams'], reason: 'ListStreams takes no resource.' });
 */
export function declareUnscoped(role: Role, grant: UnscopedGrant): void {
  const grants = declared.get(role);
  if (!grants) {
    declared.set(role, [grant]);
    role.node.addValidation({ validate: () => checkUnscoped(role, declared.get(role) ?? []) });
  } else {
    grants.push(grant);
  }
  // The latest acknowledgement of an id on a construct is the one that counts: it lists every grant.
  Validations.of(role).acknowledge({
    id: UNSCOPED_FINDING,
    reason: (declared.get(role) ?? []).map((g) => `${g.by}: ${g.actions.join(', ')} (${g.reason})`).join('; '),
  });
}

/** The grants declared on a role (for tests and docs). */
export const unscopedGrantsOf = (role: Role): readonly UnscopedGrant[] => declared.get(role) ?? [];

/** Every Allow statement of the role's inline and attached policies whose resources include `*`. */
function unscopedStatements(role: Role): Statement[] {
  const stack = Stack.of(role);
  const documents: unknown[] = [];
  const cfnRole = role.node.defaultChild;
  if (cfnRole instanceof CfnRole) {
    const policies = stack.resolve(cfnRole.policies) as { policyDocument: unknown }[] | undefined;
    for (const p of policies ?? []) documents.push(p.policyDocument);
  }
  for (const child of role.node.findAll()) {
    if (child instanceof CfnPolicy) documents.push(stack.resolve(child.policyDocument));
  }
  return documents
    .flatMap((d) => ((d as { Statement?: Statement[] } | undefined)?.Statement ?? []) as Statement[])
    .filter((st) => st.Effect === 'Allow' && [st.Resource].flat().includes('*'));
}

function checkUnscoped(role: IConstruct & Role, grants: readonly UnscopedGrant[]): string[] {
  const allowed = new Set(grants.flatMap((g) => g.actions));
  const statements = unscopedStatements(role);
  const granted = new Set(statements.flatMap((st) => [st.Action ?? []].flat()));
  const errors: string[] = [];
  for (const action of granted) {
    if (!allowed.has(action)) errors.push(`${action} is granted on Resource '*' without a declareUnscoped() giving the reason (infra/constructs/unscoped.ts)`);
  }
  for (const action of allowed) {
    if (!granted.has(action)) errors.push(`${action} is declared as needing Resource '*' but no statement of the role grants it so`);
  }
  return errors;
}
