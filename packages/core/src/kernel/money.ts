import * as z from 'zod';

/** Money is exact: integer minor units plus an ISO 4217 code. */
export const moneySchema = z
  .strictObject({
    amountMinor: z.number().int().safe(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
      .meta({ example: 'EUR' }),
  })
  .meta({ id: 'Money' });
export type Money = z.infer<typeof moneySchema>;
