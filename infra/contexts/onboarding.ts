import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

/**
 * Onboarding: its functions commit, in their own transactions, the writes partners' public
 * commands return, and its checklist reads partners through partners' public queries.
 */
export default class OnboardingContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, props);
    this.usesDataOf(
      'partners',
      'write',
      "approval creates the partner, its admin user, the e-mail claim, identity keys and audit entries; acceptance activates the partner; the deadline terminates it — through partners' public commands",
      ['api', 'workflow:agreement-acceptance'],
    );
    this.usesDataOf(
      'partners',
      'write',
      "the review sweep releases the identity keys of an application that expired undecided, through partners' public command",
      ['schedule:review-sweep'],
    );
    this.usesDataOf('partners', 'read', "the checklist reads the partner profile and its active-user count through partners' public queries", [
      'subscription:checklist',
    ]);
  }
}
