import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_RETENTION_DAYS } from '@channelbase/platform/events/outbox';
import { contexts } from '../../functions/contexts.ts';
import { CONFIG_DEFAULTS } from '../../infra/config.ts';
import { SYNTH_TIMEOUT_MS, type CfnResource, type Synthesised, synthesise } from './synth.ts';

const FOURTEEN_DAYS = 14 * 24 * 3600;

/** The function a Ref or GetAtt in an event source mapping names. */
const refOf = (value: unknown): string => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  return v.Ref ?? v['Fn::GetAtt']?.[0] ?? '';
};

function eventSources(s: Synthesised) {
  const mappings = s.ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r);
  const sqs = mappings.filter((m) => m.Properties.StartingPosition === undefined);
  const stream = mappings.filter((m) => m.Properties.StartingPosition !== undefined);
  return { sqs, stream, functionOf: (m: CfnResource) => s.resources[refOf(m.Properties.FunctionName)]! };
}

const subscriptionCount = contexts.reduce((n, w) => n + w.subscriptions.length, 0);

describe('events in the template: retention, queues, reserved concurrency', () => {
  let s: Synthesised;
  beforeAll(() => {
    s = synthesise({ bundle: false, cfnValidation: false });
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => s?.cleanup());

  it('the archive keeps events EVENT_RETENTION_DAYS, the constant the outbox TTL uses', () => {
    const archives = s.ofType('AWS::Events::Archive');
    expect(archives).toHaveLength(1);
    expect(archives[0]![1].Properties.RetentionDays).toBe(EVENT_RETENTION_DAYS);
  });

  it('every queue keeps messages 14 days: each consumer queue as its dead-letter queues do', () => {
    const queues = s.ofType('AWS::SQS::Queue');
    const work = queues.filter(([, q]) => q.Properties.RedrivePolicy);
    expect(work).toHaveLength(subscriptionCount);
    for (const [id, q] of queues) expect(q.Properties.MessageRetentionPeriod, id).toBe(FOURTEEN_DAYS);
  });

  it('the relay and every consumer have reserved concurrency; each queue invokes at most that many; the API functions share the rest', () => {
    const { sqs, stream, functionOf } = eventSources(s);
    expect(stream).toHaveLength(1);
    expect(functionOf(stream[0]!).Properties.ReservedConcurrentExecutions).toBe(CONFIG_DEFAULTS.relayConcurrency);
    expect(sqs).toHaveLength(subscriptionCount);
    for (const m of sqs) {
      expect(functionOf(m).Properties.ReservedConcurrentExecutions).toBe(CONFIG_DEFAULTS.consumerConcurrency);
      expect(m.Properties.ScalingConfig).toEqual({ MaximumConcurrency: CONFIG_DEFAULTS.consumerConcurrency });
    }
    const eventDriven = new Set([...stream, ...sqs].map((m) => refOf(m.Properties.FunctionName)));
    const others = s.ofType('AWS::Lambda::Function').filter(([id]) => !eventDriven.has(id));
    const apis = others.filter(([, f]) => String(f.Properties.Description ?? '').includes(' API: '));
    expect(apis.length).toBe(contexts.filter((w) => w.api).length);
    for (const [id, f] of apis) expect(f.Properties.ReservedConcurrentExecutions, id).toBeUndefined();
  });

  it(
    'relayConcurrency and consumerConcurrency set them',
    () => {
      const custom = synthesise({ bundle: false, cfnValidation: false, context: { relayConcurrency: '8', consumerConcurrency: '3' } });
      try {
        const { sqs, stream, functionOf } = eventSources(custom);
        expect(functionOf(stream[0]!).Properties.ReservedConcurrentExecutions).toBe(8);
        for (const m of sqs) {
          expect(functionOf(m).Properties.ReservedConcurrentExecutions).toBe(3);
          expect(m.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 3 });
        }
      } finally {
        custom.cleanup();
      }
    },
    SYNTH_TIMEOUT_MS,
  );
});
