import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

/**
 * Leads: its functions touch only its own LEAD# items and index partitions (and the platform
 * records they use). It reads partners only through partners' events (the candidate index) and
 * partners' public `readAccess` (the status gate every API function has, also used to check the
 * user a lead is assigned to), so it declares no use of another context's items.
 */
export default class LeadsContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, props);
  }
}
