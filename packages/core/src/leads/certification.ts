import * as z from '../kernel/zod.ts';

/*
 * Leads' read model of training (from training's events, never training's items): per partner, the
 * facts that decide whether it is certified in a product line, and the summary routing reads.
 *
 * What counts (docs/data-model.md, "Certification"): a partner is certified in product line X when
 * it holds a granted accreditation whose rule names X, or at least one of its users holds an active,
 * unexpired certification of X and is not disabled. An accreditation without a product line
 * (programme-wide) certifies no line.
 */

/** What leads reads of a certification in CertificationIssued / Renewed / Expired. */
export const certificationFactsSchema = z.deferred(() =>
  z.object({
    certification: z.object({
      id: z.string(),
      key: z.string(),
      productLine: z.string(),
      partnerId: z.string(),
      userId: z.string(),
      status: z.enum(['active', 'expired']),
      expiresAt: z.iso.datetime(),
      version: z.number().check(z.int(), z.minimum(1)),
    }),
  }),
);
/** What leads reads of AccreditationGranted / AccreditationLost. */
export const accreditationFactsSchema = z.deferred(() =>
  z.object({
    partnerId: z.string(),
    accreditation: z.object({ key: z.string(), name: z.string(), productLine: z.nullable(z.string()), granted: z.boolean() }),
  }),
);
/** What leads reads of PartnerUserAdded / PartnerUserUpdated: whether a certified user still counts. */
export const holderFactsSchema = z.deferred(() =>
  z.object({
    user: z.object({ id: z.string(), partnerId: z.string(), status: z.string(), version: z.number().check(z.int()) }),
  }),
);

export interface CertificationFact {
  id: string;
  key: string;
  productLine: string;
  userId: string;
  status: 'active' | 'expired';
  expiresAt: string;
  /** Training's version of the certification: only a higher one replaces the fact. */
  version: number;
}
export interface AccreditationFact {
  key: string;
  name: string;
  productLine: string | null;
  granted: boolean;
  /** `<occurredAt>#<eventId>` of the event it came from: only a later one replaces the fact. */
  stamp: string;
}
export interface HolderFact {
  userId: string;
  status: string;
  /** The partner user's version: only a higher one replaces the fact. */
  version: number;
}
export interface CertificationFacts {
  certifications: readonly CertificationFact[];
  accreditations: readonly AccreditationFact[];
  holders: readonly HolderFact[];
}

/** One product line a partner is certified in, as routing reads it (on the partner's routing state). */
export interface CertifiedLine {
  productLine: string;
  /** Keys of the granted accreditations of this line. */
  accreditations: string[];
  /** How many active certifications of this line its (not disabled) users hold. */
  certifications: number;
  /** The latest expiry among those certifications (null without any): after it they no longer count. */
  until: string | null;
}

/** The product lines the facts certify, sorted by line; certifications past their expiry at `now` do not count. */
export function certifiedLines(facts: CertificationFacts, now: Date): CertifiedLine[] {
  const disabled = new Set(facts.holders.filter((h) => h.status !== 'active').map((h) => h.userId));
  const lines = new Map<string, CertifiedLine>();
  const line = (productLine: string) => {
    let l = lines.get(productLine);
    if (!l) lines.set(productLine, (l = { productLine, accreditations: [], certifications: 0, until: null }));
    return l;
  };
  for (const a of facts.accreditations) if (a.granted && a.productLine) line(a.productLine).accreditations.push(a.key);
  for (const c of facts.certifications) {
    if (c.status !== 'active' || Date.parse(c.expiresAt) <= now.getTime() || disabled.has(c.userId)) continue;
    const l = line(c.productLine);
    l.certifications++;
    if (!l.until || l.until < c.expiresAt) l.until = c.expiresAt;
  }
  return [...lines.values()].map((l) => ({ ...l, accreditations: l.accreditations.sort() })).sort((a, b) => a.productLine.localeCompare(b.productLine));
}

/**
 * The certification input of the score: the share of the lead's product lines the partner is
 * certified in (1 when it is in all of them), and a note saying what counted for each.
 */
export function certificationInput(productLines: readonly string[], certified: readonly CertifiedLine[], now: Date): { value: number; note: string } {
  const counted: string[] = [];
  for (const productLine of productLines) {
    const l = certified.find((c) => c.productLine === productLine);
    if (!l) continue;
    const staff = l.certifications > 0 && l.until !== null && Date.parse(l.until) > now.getTime();
    const why = [
      ...(l.accreditations.length ? [`accreditation ${l.accreditations.join(', ')}`] : []),
      ...(staff ? [`${l.certifications} active certification${l.certifications === 1 ? '' : 's'} of its staff`] : []),
    ];
    if (why.length) counted.push(`${productLine} (${why.join('; ')})`);
  }
  if (!counted.length) {
    return { value: 0, note: `no current accreditation or active staff certification in ${productLines.join(', ')}` };
  }
  return { value: counted.length / productLines.length, note: `certified in ${counted.join(', ')}` };
}
