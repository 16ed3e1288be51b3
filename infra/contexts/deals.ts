import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';

/** Deal registration: its API reads partners (status, tier, product lines) through partners' public queries. */
export default class DealsContext extends ContextConstruct {
  constructor(scope: Construct, id: string, props: ContextConstructProps) {
    super(scope, id, props);
    this.usesDataOf(
      'partners',
      'read',
      "a registration reads the registering and second partner (status, tier) and the programme's product lines through partners' public queries",
      ['api'],
    );
  }
}
