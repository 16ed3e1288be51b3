import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct, type IDependable } from 'constructs';
import type { Observability } from './observability.ts';

/** Stage-wide limits; a burst above them is answered 429 by API Gateway before any Lambda runs. */
export const API_THROTTLE = { rateLimit: 200, burstLimit: 400 } as const;

/** Request headers the API reads and response headers portals need to see (API.md). */
const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'idempotency-key', 'if-match'];
const CORS_EXPOSE_HEADERS = ['etag', 'location'];

/** One JSON line per request: who called which route, the answer and how long it took. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  sub: '$context.authorizer.claims.sub',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  responseLength: '$context.responseLength',
});

export interface ApiProps {
  stage: string;
  corsOrigins: string[];
  logRetentionDays: number;
  /** The JWT issuer (the user pool) and audience (the app client). */
  issuer: string;
  audience: string;
  observability: Observability;
}

/**
 * The HTTP API: a JWT authorizer for Cognito access tokens, CORS from configuration, and
 * the default stage with JSON access logs and throttling (stage-wide, and per route where a
 * route declares `throttle`). Routes are added by the contexts.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** For every route that is not public. */
  readonly authorizer: IHttpRouteAuthorizer;
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `channelbase-${props.stage}`,
      description: 'Channelbase partner relationship management API',
      createDefaultStage: false,
      ...(props.corsOrigins.length
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE, CorsHttpMethod.OPTIONS],
              allowHeaders: CORS_ALLOW_HEADERS,
              exposeHeaders: CORS_EXPOSE_HEADERS,
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetentionDays, removalPolicy: RemovalPolicy.RETAIN });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: AccessLogFormat.custom(ACCESS_LOG_FORMAT) },
    });

    const jwt = new HttpAuthorizer(this, 'JwtAuthorizer', {
      httpApi: this.httpApi,
      authorizerName: 'cognito-access-token',
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: props.issuer,
      // Access tokens carry no `aud`; API Gateway then checks `client_id` against this list.
      jwtAudience: [props.audience],
    });
    this.authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'JwtRouteAuthorizer', {
      authorizerId: jwt.authorizerId,
      authorizerType: HttpAuthorizerType.JWT,
    });

    props.observability.alarm(
      this,
      'ServerErrorsAlarm',
      this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      'The API answered 5xx at least once in 5 minutes',
    );
  }

  /**
   * Gives one route of the default stage its own throttling (`RouteSettings`, keyed by route
   * key), which replaces the stage-wide limits for it. The stage waits for the route: CloudFormation
   * refuses settings for a route key that does not exist yet. The per-source limit of a
   * `throttle` has no HTTP API equivalent (docs/infrastructure.md, Throttling).
   */
  throttleRoute(routeKey: string, throttle: { rateLimit: number; burstLimit: number }, route: IDependable): void {
    if (!(throttle.rateLimit > 0) || !Number.isInteger(throttle.burstLimit) || throttle.burstLimit < 1) {
      throw new Error(`${routeKey}: throttle needs a rateLimit above 0 and a whole burstLimit of at least 1`);
    }
    this.routeSettings[routeKey] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
    (this.stage.node.defaultChild as CfnStage).routeSettings = { ...this.routeSettings };
    this.stage.node.addDependency(route);
  }

  /** The stage URL, ending in a slash. */
  get url(): string {
    return this.stage.url;
  }
}
