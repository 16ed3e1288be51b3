import * as z from '../kernel/zod.ts';
import { idSchema } from '../kernel/ids.ts';

/** The fields that identify an organisation: a partner admin's change of them needs a vendor role's approval. */
export const IDENTITY_FIELDS = ['legalName', 'taxId', 'webDomain', 'country'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;

const actor = z.object({ sub: z.string(), roles: z.array(z.string()) });

export const changeRequestSchema = z.deferred(() =>
  z.withMeta(
    z.object({
      id: idSchema('changeRequest'),
      partnerId: idSchema('partner'),
      status: z.enum(CHANGE_REQUEST_STATUSES),
      changes: z.withMeta(z.array(z.object({ field: z.enum(IDENTITY_FIELDS), from: z.unknown(), to: z.unknown() })), {
        description: 'Each identity field, from its value when requested to the value asked for.',
      }),
      requestedBy: actor,
      requestedAt: z.iso.datetime(),
      decidedBy: z.nullable(actor),
      decidedAt: z.nullable(z.iso.datetime()),
      reason: z.withMeta(z.nullable(z.string()), { description: 'Why it was rejected.' }),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
    { id: 'PartnerChangeRequest' },
  ),
);
