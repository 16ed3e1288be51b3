/**
 * The direct DynamoDB calls in a clean process: only the AWS SDK, none of the handler stack. The
 * bench process has imported the handlers and the local stack, and anything they install
 * process-wide (an async hook, as the Powertools tracer's cls-hooked did) taxes its own direct
 * calls too; this child gives the baseline without it. Forked by latency.ts and onboarding.ts; it runs one load run per
 * message, so it starts (and warms up) once per operation while the parent interleaves it with the
 * other layers. `get` reads the given keys in turn; `script` replays, one request per script, what
 * the command's own code sent from the bench process (script.ts: its reads, in the same steps, then
 * the TransactWriteItems its commit() built), so that this child runs the command's calls without
 * the command.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type LoadResult, runLoad } from './load.ts';
import type { Script, ScriptCall } from './script.ts';

type Key = { pk: string; sk: string };

export type DirectChildMessage =
  | { type: 'init'; endpoint: string; tableName: string; op: 'get' | 'script'; keys: Key[] }
  /** `scripts` (op `script`): one per request, at least `count`. */
  | { type: 'run'; concurrency: number; count: number; maxMs: number; scripts: Script[] }
  | { type: 'exit' };

export type DirectChildReply = { type: 'ready' } | { type: 'result'; result: LoadResult } | { type: 'error'; message: string };

const send = (reply: DirectChildReply) => process.send?.(reply);

let doc: DynamoDBDocumentClient | undefined;
let raw: DynamoDBClient | undefined;
let init: Extract<DirectChildMessage, { type: 'init' }> | undefined;

process.on('message', (message: DirectChildMessage) => {
  void handle(message).catch((err: unknown) => send({ type: 'error', message: (err as Error).message }));
});
// The parent going away ends the child.
process.on('disconnect', () => process.exit(0));

async function handle(message: DirectChildMessage): Promise<void> {
  if (message.type === 'exit') {
    raw?.destroy();
    process.exit(0);
  }
  if (message.type === 'init') {
    init = message;
    raw = new DynamoDBClient({ endpoint: message.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    doc = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
    send({ type: 'ready' });
    return;
  }
  const client = doc;
  const setup = init;
  if (!client || !setup) throw new Error('run before init');
  const pending = [...message.scripts];
  const op =
    setup.op === 'get'
      ? async (i: number) => {
          const { Item } = await client.send(new GetCommand({ TableName: setup.tableName, Key: setup.keys[i % setup.keys.length], ConsistentRead: true }));
          if (!Item) throw new Error('GetItem found nothing');
        }
      : async () => {
          const script = pending.pop();
          if (!script) throw new Error('out of prepared scripts');
          for (const step of script) await Promise.all(step.map((call) => sendCall(client, call)));
        };
  const result = await runLoad({ concurrency: message.concurrency, count: message.count, maxMs: message.maxMs, op });
  send({ type: 'result', result });
}

/** Sends a recorded call with the document client's command of its kind. */
function sendCall(client: DynamoDBDocumentClient, call: ScriptCall): Promise<unknown> {
  const input = call.input as never;
  switch (call.command) {
    case 'Get':
      return client.send(new GetCommand(input));
    case 'BatchGet':
      return client.send(new BatchGetCommand(input));
    case 'Query':
      return client.send(new QueryCommand(input));
    case 'TransactWrite':
      return client.send(new TransactWriteCommand(input));
    default:
      throw new Error(`the clean child cannot replay ${call.command}`);
  }
}
