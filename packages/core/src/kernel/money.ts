import * as z from './zod.ts';

/** Money is exact: integer minor units plus an ISO 4217 code. */
export const moneySchema = z.deferred(() =>
  z.withMeta(
    z.strictObject({
      amountMinor: z.number().check(z.int()), // an int check bounds it to safe integers (classic `.int().safe()`)
      currency: z.withMeta(z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')), { example: 'EUR' }),
    }),
    { id: 'Money' },
  ),
);
export type Money = z.infer<typeof moneySchema>;
