import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

/**
 * Training: its API reads a partner through partners' public query (a vendor asking for an
 * unknown partner's accreditations gets 404). Its accreditation consumer learns about users and
 * terminations from partners' events only, and keeps its own record of them.
 */
export default class TrainingContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, props);
    this.usesDataOf('partners', 'read', "GET /partners/{id}/accreditations reads the partner through partners' public query (getPartner)", ['api']);
  }
}
