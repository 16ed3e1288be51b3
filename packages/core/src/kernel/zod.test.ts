import { describe, expect, it } from 'vitest';
import * as z from './zod.ts';

describe('deferred schemas', () => {
  it('builds nothing until read, then once, and behaves as the schema it builds', () => {
    let builds = 0;
    const city = z.deferred(() => {
      builds += 1;
      return z.withMeta(z.strictObject({ name: z.string().check(z.minLength(1)), zip: z.optional(z.string()) }), { id: 'City', example: { name: 'Munich' } });
    });
    const holder = z.strictObject({ city, cities: z.array(city) });
    expect(builds).toBe(0);

    expect(holder.parse({ city: { name: 'Munich' }, cities: [] })).toEqual({ city: { name: 'Munich' }, cities: [] });
    expect(builds).toBe(1);
    const refused = holder.safeParse({ city: { name: '', extra: 1 }, cities: [{}] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['cities.0.name', 'city', 'city.name']);

    expect(Object.keys(city.shape)).toEqual(['name', 'zip']);
    expect(z.extend(city, { country: z.string() }).parse({ name: 'Lyon', country: 'FR' })).toEqual({ name: 'Lyon', country: 'FR' });
    expect(city instanceof z.ZodMiniObject).toBe(true);
    expect(z.globalRegistry.get(city)).toEqual({ id: 'City', example: { name: 'Munich' } });
    expect(z.toJSONSchema(holder, { target: 'draft-2020-12' })).toMatchObject({
      properties: { city: { $ref: '#/$defs/City' } },
      $defs: { City: { type: 'object' } },
    });
    expect(builds).toBe(1);
  });
});

describe('deferred schemas in JSON Schema', () => {
  it('are one schema per id: a copy made through the stand-in (withDescription, check) points at the stand-in', () => {
    const money = z.deferred(() => z.withMeta(z.strictObject({ amountMinor: z.number().check(z.int()) }), { id: 'MoneyForTest' }));
    const holder = z.strictObject({ value: money, described: z.withDescription(money, 'An amount.'), checked: money.check(z.refine(() => true)) });
    const schema = z.toJSONSchema(holder, { target: 'draft-2020-12' });
    expect(schema).toMatchObject({ properties: { value: { $ref: '#/$defs/MoneyForTest' } }, $defs: { MoneyForTest: { type: 'object' } } });
  });
});
