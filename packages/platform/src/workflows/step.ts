import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from '@channelbase/core/kernel/zod';
import { type BusEvent, busEventSchema } from '../events/consumer.ts';
import { logger, metrics, observed } from '../observability.ts';
import type { WorkflowState, WorkflowStepInput, WorkflowStepResult } from '../wiring.ts';

const stateSchema = z.looseObject({ step: z.string().check(z.minLength(1)), wakeAt: z.iso.datetime() });
const fanInSchema = z.object({
  step: z.string().check(z.minLength(1)),
  wakeAt: z.iso.datetime(),
  carry: z.record(z.string(), z.unknown()),
  outputs: z.array(z.looseObject({ output: z.optional(z.unknown()) })),
});
const startSchema = z.object({ event: busEventSchema });

export interface WorkflowSteps {
  /** Maps the starting event to the first wait, or ends at once (`{ done: true }`). */
  begin(event: BusEvent): Promise<WorkflowStepResult> | WorkflowStepResult;
  /** The steps by name; each must be safe to run twice with the same state. */
  steps: Record<string, (state: WorkflowState) => Promise<WorkflowStepResult>>;
}

/** Ends a workflow, or a fan-out's branch with its `output` (what the step after the fan-out reads in `outputs`). */
export const done = (output?: unknown): WorkflowStepResult => (output === undefined ? { done: true } : { done: true, output });
/** Waits until `wakeAt`, then runs `step` with this state. */
export const next = (step: string, wakeAt: Date, state: Record<string, unknown> = {}): WorkflowStepResult => ({
  ...state,
  done: false,
  step,
  wakeAt: wakeAt.toISOString(),
});

/**
 * The Lambda handler of a workflow's steps: Step Functions invokes it with the starting event,
 * then with each state it returned; the local workflow engine invokes the same handler.
 * @example export const handler = createWorkflowStep('onboarding.agreement-acceptance', { begin, steps: { remind, expire } });
 */
export function createWorkflowStep(name: string, definition: WorkflowSteps) {
  const run = async (raw: WorkflowStepInput): Promise<WorkflowStepResult> => {
    if ('event' in raw) {
      const { event } = startSchema.parse(raw);
      logger.appendKeys({ workflow: name, step: 'begin', eventId: event.detail.eventId });
      metrics.addMetric('WorkflowsStarted', MetricUnit.Count, 1);
      return definition.begin(event);
    }
    // After a fan-out (AWS only), the step after it gets what the state carried and the branches' outputs.
    const fanIn = 'carry' in raw && 'outputs' in raw ? fanInSchema.parse(raw) : undefined;
    const input: WorkflowState = fanIn
      ? { ...fanIn.carry, step: fanIn.step, wakeAt: fanIn.wakeAt, outputs: fanIn.outputs.map((o) => o.output) }
      : stateSchema.parse(raw);
    const step = definition.steps[input.step];
    if (!step) throw new Error(`${name}: no step "${input.step}"`);
    logger.appendKeys({ workflow: name, step: input.step });
    const result = await step(input);
    metrics.addMetric('WorkflowSteps', MetricUnit.Count, 1);
    return result;
  };
  return observed<WorkflowStepInput, WorkflowStepResult>().handler(run);
}
