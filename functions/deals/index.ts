/**
 * The deals context's public module: the only way other contexts reach registrations.
 *
 * `registerFromLead` is the leads context's way to turn a converted lead into its registration,
 * for the partner that owns the lead: the registration stores the lead id, and a lead makes at
 * most one registration (a second call answers the first registration, without committing the
 * caller's `with`). Leads calls it when a lead becomes `converted` (functions/leads/api.ts), its
 * side (the lead naming the registration) committed in the registration's transaction.
 */
import type { Actor, DomainEvent } from '@channelbase/core';
import type { Deal, RegisterDealInput } from '@channelbase/core/deals';
import type { Write } from '@channelbase/platform';
import { register } from './commands.ts';
import { LeadLinkedError, dealOfLead, getDeal } from './repository.ts';

export type { Deal } from '@channelbase/core/deals';
export { dealIdSchema } from '@channelbase/core/deals';

export interface LeadRegistration {
  leadId: string;
  /** The partner that owns the converted lead. */
  partnerId: string;
  registration: Omit<RegisterDealInput, 'partnerId'>;
  actor: Actor;
  /** The leads context's own writes and events (the lead marked converted, with the registration id) to commit in the same transaction. */
  with?: (dealId: string) => { writes: Write[]; events: DomainEvent[] };
}

/** Registers the deal of a converted lead once; conflicts, auto-approval and protection as for any registration. */
export async function registerFromLead(req: LeadRegistration): Promise<Deal> {
  const existing = await dealOfLead(req.leadId);
  if (existing) return (await getDeal(existing)).deal;
  try {
    return await register({ partnerId: req.partnerId, input: req.registration, actor: req.actor, leadId: req.leadId, withFor: req.with });
  } catch (err) {
    // Two conversions of one lead at once: the other one registered it.
    if (!(err instanceof LeadLinkedError)) throw err;
    return (await getDeal((await dealOfLead(req.leadId))!)).deal;
  }
}

/** A registration by id (vendor view: callers authorise). */
export const readRegistration = async (id: string): Promise<Deal> => (await getDeal(id)).deal;
