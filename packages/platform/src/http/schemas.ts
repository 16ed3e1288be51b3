import * as z from '@channelbase/core/kernel/zod';

/** `?limit=&cursor=` of every list (API.md: default 50, max 200). */
export const pageQueryShape = {
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200)), 50),
  cursor: z.withMeta(z.optional(z.string().check(z.minLength(1), z.maxLength(2048))), { description: 'Opaque cursor from the previous page' }),
};

/** The envelope of a page of results. */
export const pageOf = <T extends z.ZodMiniType>(item: T, id: string) =>
  z.withMeta(z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) }), { id });

export const ETAG_HEADER = { etag: 'The version tag to send back in If-Match' };
