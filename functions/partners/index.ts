/**
 * The partners context's public module: the only way other contexts reach partners' records.
 * Commands return a Change (writes, events, audit entries) for the caller to commit — alone or with
 * its own writes in one transaction; queries read. Partner status changes only through these
 * commands, and every one of them is announced by a partners event, whoever caused it.
 */
export type { Partner, PartnerStatus, PartnerUser, VocabularyList } from '@channelbase/core/partners';
/** Schemas other contexts' routes use for partner ids and programme keys. */
export { partnerIdSchema, specialisationSchema } from '@channelbase/core/partners';
export type { OrgKeyHolder, OrgKeyOn } from './org-keys.ts';

// Commands (run those that set a tier or specialisations in retryOnVocabularyChange)
export { retryOnVocabularyChange } from './vocabulary.ts';
export { activatePartner, addPartnerUser, createPartner, organisationKeysOf, terminatePartner } from './commands.ts';
/** Organisation identity keys held by applications (the duplicate check of onboarding). */
export { claim as claimOrganisationKey, release as releaseOrganisationKey } from './org-keys.ts';

// Queries
export { findHolders as findOrganisationHolders } from './org-keys.ts';
export { countActiveUsers, getPartner } from './repository.ts';
/** The programme vocabulary (tiers, product lines) as partners keeps it: deals checks a registration's product lines against it. */
export { getVocabulary } from './vocabulary.ts';
export { readAccess } from './access.ts';
