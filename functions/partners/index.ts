/**
 * The partners context's public module: what other contexts (and the platform's Cognito
 * trigger) may import from it. Everything else in functions/partners is private to it.
 */
export { type PartnerAccess, readAccess } from './access.ts';
