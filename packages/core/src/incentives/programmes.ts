import type { Actor } from '../kernel/audit.ts';
import type { Clock } from '../kernel/clock.ts';
import { newId } from '../kernel/ids.ts';
import { type IncentiveProgrammeInput, type IncentiveProgrammeVersion, productLinesNamed, tiersNamed } from './model.ts';

/**
 * Programme use cases. A programme is never edited in place: every change is a new version with
 * its own effective date, and every version is kept, so an accrual can name the version it used.
 */

/** Version 1 of a new programme. */
export function newProgramme(input: IncentiveProgrammeInput, actor: Actor, clock: Clock): IncentiveProgrammeVersion {
  const at = clock.now();
  return { ...input, id: newId('programme', at), version: 1, createdAt: at.toISOString(), createdBy: actor.sub };
}

/** The next version of a programme: the new terms, in force from their `effectiveFrom`. */
export function reviseProgramme(before: IncentiveProgrammeVersion, input: IncentiveProgrammeInput, actor: Actor, clock: Clock): IncentiveProgrammeVersion {
  return { ...input, id: before.id, version: before.version + 1, createdAt: clock.now().toISOString(), createdBy: actor.sub };
}

/**
 * The product lines and tiers a programme names that the programme's vocabularies do not define,
 * as field issues (`body.rules.0.rates.1.productLine`). A vocabulary that was never defined
 * (null) accepts any well-formed key, as partners and deals do.
 */
export function unknownVocabulary(
  input: IncentiveProgrammeInput,
  productLines: ReadonlySet<string> | null,
  tiers: ReadonlySet<string> | null,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (productLines)
    for (const { path, key } of productLinesNamed(input))
      if (!productLines.has(key)) issues.push({ path: `body.${path}`, message: `${key} is not a product line of the programme` });
  if (tiers)
    for (const { path, key } of tiersNamed(input)) if (!tiers.has(key)) issues.push({ path: `body.${path}`, message: `${key} is not a tier of the programme` });
  return issues;
}
