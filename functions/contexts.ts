import type { ContextWiring, EventExample } from '@channelbase/platform';
import { dealsWiring } from './deals/wiring.ts';
import { incentivesWiring } from './incentives/wiring.ts';
import { leadsWiring } from './leads/wiring.ts';
import { onboardingWiring } from './onboarding/wiring.ts';
import { partnersWiring } from './partners/wiring.ts';
import { platformWiring } from './platform/wiring.ts';
import { trainingWiring } from './training/wiring.ts';

/**
 * Every bounded context, in one list: the one line a new context adds. The CDK app, the local
 * runtime, the OpenAPI build, the event catalogue and the authorisation matrix read it.
 */
export const contexts = [platformWiring, partnersWiring, onboardingWiring, leadsWiring, dealsWiring, trainingWiring, incentivesWiring] as const;

/**
 * Every event type Channelbase publishes, with an example, in the order of the contexts: each
 * wiring's `events`. The event catalogue in events/ and the event contracts are generated from it.
 */
export const eventCatalog: readonly EventExample[] = (contexts as readonly ContextWiring[]).flatMap((c) => c.events ?? []);
