import type { EventDefinition } from '../kernel/events.ts';
import { onboardingEventExamples } from '../onboarding/catalog.ts';
import { partnerEventExamples } from '../partners/catalog.ts';

/** Every event type Channelbase publishes, with an example; the event catalogue in events/ is generated from it. */
export const eventCatalog: readonly { event: EventDefinition; data: unknown }[] = [...partnerEventExamples, ...onboardingEventExamples];
