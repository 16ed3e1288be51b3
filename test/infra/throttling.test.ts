import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeKey } from '@channelbase/platform/wiring';
import { contexts } from '../../functions/contexts.ts';
import { readConfig } from '../../infra/config.ts';
import { ChannelbaseStack } from '../../infra/stack.ts';
import { APPLICATIONS_THROTTLE, SIGNUPS_THROTTLE, throttleRoutes, throttleWiring } from '../fixtures/throttle/wiring.ts';
import { type CfnResource, SYNTH_TIMEOUT_MS, cdkJsonContext } from './synth.ts';
import { onboardingRoutes } from '../../functions/onboarding/wiring.ts';

const submitApplication = onboardingRoutes.find((r) => r.operationId === 'submitApplication')!;

/** The stack with the real contexts plus the fixture's throttled public routes (no bundling, no cdk-nag: the template is all this reads). */
let resources: Record<string, CfnResource & { DependsOn?: string[] }>;
beforeAll(() => {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new ChannelbaseStack(app, 'Channelbase-throttle', { config: readConfig(app.node), wirings: [...contexts, throttleWiring] });
  resources = Template.fromStack(stack).toJSON().Resources as typeof resources;
}, SYNTH_TIMEOUT_MS);

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

describe('routes that declare throttle', () => {
  it('get RouteSettings with their rate and burst on the default stage, which waits for those routes', () => {
    const [[, stage], ...others] = ofType('AWS::ApiGatewayV2::Stage') as [[string, (typeof resources)[string]]];
    expect(others).toHaveLength(0);
    expect(stage.Properties.RouteSettings).toEqual({
      'POST /applications': { ThrottlingRateLimit: submitApplication.throttle.rateLimit, ThrottlingBurstLimit: submitApplication.throttle.burstLimit },
      'POST /fixture/applications': { ThrottlingRateLimit: APPLICATIONS_THROTTLE.rateLimit, ThrottlingBurstLimit: APPLICATIONS_THROTTLE.burstLimit },
      'POST /signups': { ThrottlingRateLimit: SIGNUPS_THROTTLE.rateLimit, ThrottlingBurstLimit: SIGNUPS_THROTTLE.burstLimit },
    });
    // The stage-wide limits stay for every other route.
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) });
    // CloudFormation refuses RouteSettings for a route key that does not exist yet.
    const throttled = ofType('AWS::ApiGatewayV2::Route').filter(([, r]) =>
      [...throttleRoutes, submitApplication].some((t) => routeKey(t) === r.Properties.RouteKey),
    );
    expect(throttled).toHaveLength(throttleRoutes.length + 1);
    for (const [id] of throttled) expect(stage.DependsOn).toContain(id);
  });
});
