import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

/**
 * Leads: its functions touch its own LEAD# items and index partitions (and the platform records
 * they use). It reads partners through partners' events (the candidate index) and partners' public
 * `readAccess` (the status gate every API function has, also used to check the user a lead is
 * assigned to). Its API converts a lead into its deal registration through deals' public module
 * (`registerFromLead`), which writes deals' items in the lead's transaction and reads the partner
 * and the product-line list through partners' public queries.
 */
export default class LeadsContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, props);
    this.usesDataOf(
      'deals',
      'write',
      "POST /leads/{id}/status with `converted` registers the lead's deal through deals' registerFromLead (the registration, its customer index, protection and lead link, in the lead's transaction)",
      ['api'],
    );
    this.usesDataOf(
      'partners',
      'read',
      "registerFromLead reads the registering and second partner (status, tier) and the programme's product lines through partners' public queries",
      ['api'],
    );
  }
}
