import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** Created once per process and shared by every handler (Powertools' recommended shape). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'channelbase' });
export const metrics = new Metrics({ namespace: 'Channelbase', serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'channelbase' });
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'channelbase' });
