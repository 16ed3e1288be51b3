import type { Construct } from 'constructs';
import { ContextConstruct, type ContextConstructProps } from '../constructs/context.ts';
import { OnboardingContext } from './onboarding.ts';
import { PartnersContext } from './partners.ts';
import { PlatformContext } from './platform.ts';

type ContextClass = new (scope: Construct, id: string, props: ContextConstructProps) => ContextConstruct;

/**
 * Contexts whose AWS side needs more than their wiring says (files beside a bundle, access to
 * another service, another context's items). What runs where still comes only from the wiring; a context without an
 * entry here is built by the generic ContextConstruct.
 */
export const CONTEXT_CONSTRUCTS: Record<string, ContextClass> = {
  platform: PlatformContext,
  partners: PartnersContext,
  onboarding: OnboardingContext,
};

/** The construct id of a context: `partners` → `Partners`, `deal-registration` → `DealRegistration`. */
export const contextId = (name: string): string => name.replace(/(^|[-_])(\w)/g, (_m, _sep, c: string) => c.toUpperCase());

/** Builds one context from its wiring. */
export function buildContext(scope: Construct, props: ContextConstructProps): ContextConstruct {
  const Class = CONTEXT_CONSTRUCTS[props.wiring.name] ?? ContextConstruct;
  return new Class(scope, contextId(props.wiring.name), props);
}
