import { Duration, Stack } from 'aws-cdk-lib';
import { AlarmStatusWidget, Dashboard, GraphWidget, type IMetric, type IWidget, type Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct, type IConstruct } from 'constructs';
import type { Api } from './api.ts';
import { RELAY_ITERATOR_AGE_ALARM } from './bus.ts';
import type { Bus } from './bus.ts';
import { ChannelbaseFunction } from './function.ts';
import type { Observability } from './observability.ts';
import { DeadLetterQueue, WorkQueue } from './queues.ts';
import { Workflow } from './workflow.ts';

/** Every graph's period: fine enough to see an incident, coarse enough to read a week. */
export const DASHBOARD_PERIOD = Duration.minutes(5);

/** A graph this wide (of 24 columns) and high; two per row. */
const WIDTH = 12;
const HEIGHT = 6;

export interface OperationsDashboardProps {
  stage: string;
  api: Api;
  bus: Bus;
  observability: Observability;
  /**
   * Where the functions, queues and workflows are found: every `ChannelbaseFunction`,
   * `WorkQueue`, `DeadLetterQueue` and `Workflow` under it is on the dashboard, so a new
   * context's parts appear without a line here.
   */
  root: IConstruct;
}

/** The part of a construct path that names it within the stack: `Partners/Subscription checklist/Consumer`. */
const label = (c: IConstruct): string => c.node.path.split('/').slice(1).join('/');

/**
 * One CloudWatch dashboard, `channelbase-<stage>-<region>`, for whoever is on call: the API (requests,
 * 4xx, 5xx, latency), each Lambda's errors and throttles, each work queue's depth and age of
 * its oldest message, each dead-letter queue's messages, the outbox relay's iterator age, each
 * workflow's failed and timed-out executions, and the state of every alarm. docs/operations.md
 * says what to do about each.
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const period = DASHBOARD_PERIOD;
    const all = props.root.node.findAll();
    const functions = all.filter((c): c is ChannelbaseFunction => c instanceof ChannelbaseFunction);
    const workQueues = all.filter((c): c is WorkQueue => c instanceof WorkQueue);
    const deadLetterQueues = all.filter((c): c is DeadLetterQueue => c instanceof DeadLetterQueue);
    const workflows = all.filter((c): c is Workflow => c instanceof Workflow);
    const http = props.api.httpApi;
    const sum = { period, statistic: 'Sum' } as const;
    const max = { period, statistic: 'Maximum' } as const;
    const graph = (title: string, left: IMetric[], more: Partial<ConstructorParameters<typeof GraphWidget>[0]> = {}) =>
      new GraphWidget({ title, left, width: WIDTH, height: HEIGHT, ...more });
    const labelled = (metric: Metric, text: string) => metric.with({ label: text });

    const widgets: IWidget[][] = [
      [
        new TextWidget({
          markdown: `# Channelbase ${props.stage}\nWhat each graph and alarm means, and what to do: docs/operations.md in the repository.`,
          width: 24,
          height: 2,
        }),
      ],
      [
        graph('API requests, 4xx and 5xx (per 5 minutes)', [
          labelled(http.metricCount(sum), 'requests'),
          labelled(http.metricClientError(sum), '4xx'),
          labelled(http.metricServerError(sum), '5xx'),
        ]),
        graph('API latency (ms)', [
          labelled(http.metricLatency({ period, statistic: 'p50' }), 'latency p50'),
          labelled(http.metricLatency({ period, statistic: 'p99' }), 'latency p99'),
          labelled(http.metricIntegrationLatency({ period, statistic: 'p99' }), 'integration latency p99'),
        ]),
      ],
      [
        graph(
          'Lambda errors per function',
          functions.map((f) => labelled(f.fn.metricErrors(sum), label(f))),
        ),
        graph(
          'Lambda throttles per function',
          functions.map((f) => labelled(f.fn.metricThrottles(sum), label(f))),
        ),
      ],
      [
        graph(
          'Work queues: messages waiting',
          workQueues.map((q) => labelled(q.queue.metricApproximateNumberOfMessagesVisible(max), label(q))),
        ),
        graph(
          'Work queues: age of the oldest message (s)',
          workQueues.map((q) => labelled(q.queue.metricApproximateAgeOfOldestMessage(max), label(q))),
        ),
      ],
      [
        graph(
          'Dead-letter queues: messages (any is an alarm)',
          deadLetterQueues.map((q) => labelled(q.queue.metricApproximateNumberOfMessagesVisible(max), label(q))),
        ),
        graph('Outbox relay: iterator age (ms)', [labelled(props.bus.relay.fn.metric('IteratorAge', max), 'iterator age (maximum)')], {
          leftAnnotations: [{ value: RELAY_ITERATOR_AGE_ALARM.toMilliseconds(), label: 'alarm threshold' }],
        }),
      ],
      [
        graph(
          'Workflows: executions failed and timed out',
          workflows.flatMap((w) => [
            labelled(w.stateMachine.metricFailed(sum), `${label(w)} failed`),
            labelled(w.stateMachine.metricTimedOut(sum), `${label(w)} timed out`),
          ]),
        ),
        graph(
          'Workflows: executions started and succeeded',
          workflows.flatMap((w) => [
            labelled(w.stateMachine.metricStarted(sum), `${label(w)} started`),
            labelled(w.stateMachine.metricSucceeded(sum), `${label(w)} succeeded`),
          ]),
        ),
      ],
      [
        new AlarmStatusWidget({
          title: 'Every alarm of the stack',
          alarms: props.observability.alarms,
          width: 24,
          height: Math.max(3, Math.ceil(props.observability.alarms.length / 4) + 1),
        }),
      ],
    ];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      // Dashboard names are per account, not per region: the region keeps two regions' stages apart.
      dashboardName: `channelbase-${props.stage}-${Stack.of(this).region}`,
      defaultInterval: Duration.hours(24),
      widgets,
    });
  }
}
