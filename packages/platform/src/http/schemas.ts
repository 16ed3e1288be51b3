import * as z from 'zod';

/** `?limit=&cursor=` of every list (API.md: default 50, max 200). */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(2048).optional().meta({ description: 'Opaque cursor from the previous page' }),
};

/** The envelope of a page of results. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const ETAG_HEADER = { etag: 'The version tag to send back in If-Match' };
