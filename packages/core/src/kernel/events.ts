import * as z from './zod.ts';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';
import type { Actor } from './audit.ts';

/** The EventBridge `source` of a context's events. */
export const eventSource = (context: string) => `channelbase.${context}`;

const actorSchema = z.object({ sub: z.string(), roles: z.array(z.string()) });

/**
 * Declares one event type: its context, its past-tense name and the schema of its data.
 * `version` (default 1) is the version of its contract: a change that breaks consumers (a field
 * removed, a type changed, an optional field made required...) must bump it; events/baseline/
 * keeps every version, and from version 2 on the detail carries `schemaVersion`. See
 * scripts/event-contracts.ts.
 */
export function defineEvent<const Name extends string, Data extends z.ZodMiniType>(
  context: string,
  name: Name,
  data: Data,
  description: string,
  options: { version?: number } = {},
) {
  const version = options.version ?? 1;
  if (!Number.isInteger(version) || version < 1) throw new Error(`${name}: an event version is a whole number from 1`);
  // The whole detail's schema is for the documents (events/, scripts/artifacts.ts); a handler
  // validates only `data` (makeEvent). Built on first read, so a cold start does not build it.
  const buildDetail = () => {
    const envelope = {
      eventId: z.withMeta(z.string().check(z.regex(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/)), { example: 'evt_01JD40A1B2C3D4E5F6G7H8J9K0' }),
      occurredAt: z.iso.datetime(),
      partnerId: z.optional(z.string()),
      actor: actorSchema,
    };
    return z.withMeta(version > 1 ? z.object({ ...envelope, schemaVersion: z.literal(version), data }) : z.object({ ...envelope, data }), {
      title: name,
      description,
    });
  };
  let detail: ReturnType<typeof buildDetail> | undefined;
  return {
    context,
    source: eventSource(context),
    detailType: name,
    version,
    description,
    data,
    /** The schema of the event's whole `detail` (envelope and data). */
    get detail() {
      return (detail ??= buildDetail());
    },
  } as const;
}
export type EventDefinition = ReturnType<typeof defineEvent>;

/** A domain event ready for the outbox. */
export interface DomainEvent<D = unknown> {
  source: string;
  detailType: string;
  /** `schemaVersion` is there from version 2 of the event type on (absent means 1). */
  detail: { eventId: string; occurredAt: string; partnerId?: string; schemaVersion?: number; actor: { sub: string; roles: string[] }; data: D };
}

/**
 * Builds an event of a declared type, validating its data.
 * @example const e = makeEvent(PartnerCreated, { partner }, { actor, clock, partnerId: partner.id });
 */
export function makeEvent<E extends EventDefinition>(
  definition: E,
  data: z.input<E['data']>,
  ctx: { actor: Actor; clock: Clock; partnerId?: string },
): DomainEvent<z.output<E['data']>> {
  const at = ctx.clock.now();
  return {
    source: definition.source,
    detailType: definition.detailType,
    detail: {
      eventId: newId('event', at),
      occurredAt: at.toISOString(),
      ...(ctx.partnerId ? { partnerId: ctx.partnerId } : {}),
      ...(definition.version > 1 ? { schemaVersion: definition.version } : {}),
      actor: { sub: ctx.actor.sub, roles: ctx.actor.roles },
      data: definition.data.parse(data) as z.output<E['data']>,
    },
  };
}
