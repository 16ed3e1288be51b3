/**
 * The training context's public module: what other contexts may read of training (lead routing
 * ranks partners by certification and accreditation per product line). Training's events
 * (CertificationIssued, …, AccreditationGranted/Lost/AtRisk) carry the same facts for consumers
 * that keep their own read model.
 */
export type { AccreditationState, Certification, PartnerAccreditations } from '@channelbase/core/training';

// Queries
/** A partner's active certifications, optionally of one product line (`certification.productLine`). */
export { activeCertificationsOf } from './accreditations.ts';
/** A partner's accreditations as of now (each with its `productLine`, `granted`, `missing`, `atRisk`). */
export { currentAccreditations } from './accreditations.ts';
