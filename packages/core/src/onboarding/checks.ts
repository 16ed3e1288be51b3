import type { ApplicationChecks, DuplicateMatch, OnboardingSettings, RequirableField, SubmitApplicationInput } from './model.ts';

const valueAt = (input: SubmitApplicationInput, path: RequirableField): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), input);

/** The checks that need only the application and the programme settings. */
export function fieldChecks(input: SubmitApplicationInput, settings: OnboardingSettings): Omit<ApplicationChecks, 'duplicate'> {
  const missing = (settings.requiredFields[input.partnerType] ?? []).filter((f) => valueAt(input, f) === undefined);
  const allowed = settings.allowedCountries;
  return {
    requiredFields: { passed: missing.length === 0, missing },
    country: { passed: allowed === null || allowed.includes(input.company.country), allowed },
  };
}

export const duplicateCheck = (matches: DuplicateMatch[]): ApplicationChecks['duplicate'] => ({ passed: matches.length === 0, matches });
