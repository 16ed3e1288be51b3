/**
 * The leads context's public module: what other contexts may use of leads. Leads publishes its
 * changes as events (source `channelbase.leads`); no other context reads its items.
 */
export type { Lead, LeadStatus, RoutingDecision } from '@channelbase/core/leads';
/** The schema of lead ids, for other contexts' routes (a deal registration naming the lead it came from). */
export { leadIdSchema } from '@channelbase/core/leads';
export { findLead } from './repository.ts';
