import { onboardingWiring } from './onboarding/wiring.ts';
import { partnersWiring } from './partners/wiring.ts';
import { platformWiring } from './platform/wiring.ts';

/** Every bounded context, in one list: the CDK app, the local runtime and the OpenAPI build read it. */
export const contexts = [platformWiring, partnersWiring, onboardingWiring] as const;
