import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { ContextWiring } from '@channelbase/platform/wiring';
import { contexts } from '../functions/contexts.ts';
import { readConfig } from './config.ts';
import { ChannelbaseStack } from './stack.ts';

/**
 * The CDK app: one environment-agnostic stack per stage, checked by cdk-nag's AwsSolutions
 * pack during synthesis. Tests build it with cdk.json's context and an output directory, and
 * may replace the wirings (functions/contexts.ts) with their own.
 * @example const { app, stack } = createApp({ context: { stage: 'test' } }); app.synth();
 */
export function createApp(props: AppProps & { wirings?: readonly ContextWiring[] } = {}): { app: App; stack: ChannelbaseStack } {
  const { wirings = contexts, ...appProps } = props;
  const app = new App(appProps);
  const config = readConfig(app.node);
  const stack = new ChannelbaseStack(app, `Channelbase-${config.stage}`, { stackName: `Channelbase-${config.stage}`, config, wirings });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
