import './local-env.ts';
import { JavaMissingError } from './dynamo.ts';
import { seedDemo } from './seed.ts';
import { startLocalStack } from './stack.ts';

/** `npm start`: the local stack on the embedded defaults, data kept under .channelbase/. */
async function main(): Promise<void> {
  const started = performance.now();
  const port = Number(process.env.PORT ?? 4000);
  const inMemory = process.argv.includes('--in-memory') || process.env.CHANNELBASE_IN_MEMORY === '1';
  const dataDir = inMemory ? undefined : (process.env.CHANNELBASE_DATA_DIR ?? '.channelbase');
  // /health answers 503 until the demo data is seeded: a client that waits on it never sees an empty table.
  const options = { relayIntervalMs: 250, ready: false, ...(dataDir ? { dataDir } : {}) };
  const stack = await startLocalStack({ ...options, port }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'EADDRINUSE') throw err;
    console.warn(`Port ${port} is in use; picking a free one (set PORT to choose).`);
    return startLocalStack({ ...options, port: 0 });
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const seeded = process.env.CHANNELBASE_SEED === '0' ? false : await seedDemo(stack);
  // From now on, a new partner user (an approved applicant) gets its sign-in printed, as Cognito would e-mail it.
  process.env.CHANNELBASE_LOCAL_INVITATIONS ??= '1';
  const tokenCall = `curl -s -X POST ${stack.url}/local/tokens -H 'content-type: application/json' -d '{"sub":"me","roles":["vendor-admin"]}'`;
  console.log(`
Channelbase local stack is ready (${seconds} s; data: ${dataDir ?? 'in memory'}${seeded ? '; demo data seeded' : ''})
  API        ${stack.url}
  API docs   ${stack.url}/docs
  OpenAPI    ${stack.url}/openapi.json
  DynamoDB   ${stack.dynamoEndpoint} (table ${stack.tableName})
  Get a token (roles: vendor-admin, channel-manager, finance, partner-admin + "partnerId", ...):
    ${tokenCall}
  Then:  curl -s ${stack.url}/partners -H "authorization: Bearer $TOKEN"
Press Ctrl+C to stop.`);
  stack.markReady();

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGHUP', () => void stop());
}

main().catch((err: unknown) => {
  if (err instanceof JavaMissingError) {
    console.error(err.message);
  } else {
    console.error('Channelbase local stack failed to start:', err);
  }
  process.exit(1);
});
