/**
 * Defaults for running Lambda code in this process. Imported first, because Powertools reads
 * its settings when the shared logger and metrics are created at import time.
 */
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
process.env.POWERTOOLS_SERVICE_NAME ??= 'channelbase';
process.env.AWS_REGION ??= 'local';
