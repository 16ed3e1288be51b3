import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
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
 * the default stage with JSON access logs and throttling. Routes are added by the contexts.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** For every route that is not public. */
  readonly authorizer: IHttpRouteAuthorizer;

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
    this.authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'JwtRouteAuthorizer', { authorizerId: jwt.authorizerId, authorizerType: HttpAuthorizerType.JWT });

    props.observability.alarm(this, 'ServerErrorsAlarm', this.httpApi.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }), 'The API answered 5xx at least once in 5 minutes');
  }

  /** The stage URL, ending in a slash. */
  get url(): string {
    return this.stage.url;
  }
}
