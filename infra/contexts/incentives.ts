import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

/**
 * Incentives: its API checks a programme's product lines and tiers against partners'
 * vocabularies, reads the partner a ledger is asked for, and gates partner users by their
 * partner's status, all through partners' public module. Its consumers learn about deals,
 * partners and accreditations from events only and keep their own records under INCENTIVE#.
 */
export default class IncentivesContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, props);
    this.usesDataOf(
      'partners',
      'read',
      "the API reads the programme vocabularies (getVocabulary), the partner of a ledger (getPartner) and the partner status gate (readAccess) through partners' public module",
      ['api'],
    );
  }
}
