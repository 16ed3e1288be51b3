import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { contexts } from '../functions/contexts.ts';
import { readConfig } from './config.ts';
import { ChannelbaseStack } from './stack.ts';

/**
 * The CDK app: one environment-agnostic stack per stage, checked by cdk-nag's AwsSolutions
 * pack during synthesis. Tests build it with cdk.json's context and an output directory.
 * @example const { app, stack } = createApp({ context: { stage: 'test' } }); app.synth();
 */
export function createApp(props: AppProps = {}): { app: App; stack: ChannelbaseStack } {
  const app = new App(props);
  const config = readConfig(app.node);
  const stack = new ChannelbaseStack(app, `Channelbase-${config.stage}`, { stackName: `Channelbase-${config.stage}`, config, wirings: contexts });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
