/**
 * The direct DynamoDB calls in a clean process: only the AWS SDK, none of the handler stack. The
 * bench process has imported the Powertools tracer (aws-xray-sdk-core → cls-hooked), whose
 * process-wide async hook taxes every promise, its own direct calls included; this child gives
 * the baseline without that tax. Forked by latency.ts and onboarding.ts; it runs one load run per
 * message, so it starts (and warms up) once per operation while the parent interleaves it with the
 * other layers. `submit` is an application submission's two calls: the BatchGetItem of the
 * organisation's identity keys, then the TransactWriteItems the handler's commit() builds.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { type LoadResult, runLoad } from './load.ts';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;
type Key = { pk: string; sk: string };

export type DirectChildMessage =
  | { type: 'init'; endpoint: string; tableName: string; op: 'get' | 'create' | 'submit'; keys: Key[] }
  /** `reads[i]` (submit only) are the keys read before `transactions[i]` is written. */
  | { type: 'run'; concurrency: number; count: number; maxMs: number; transactions: TransactItems[]; reads?: Key[][] }
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
  const pending = message.transactions.map((items, i) => ({ items, reads: message.reads?.[i] ?? [] }));
  const op =
    setup.op === 'get'
      ? async (i: number) => {
          const { Item } = await client.send(new GetCommand({ TableName: setup.tableName, Key: setup.keys[i % setup.keys.length], ConsistentRead: true }));
          if (!Item) throw new Error('GetItem found nothing');
        }
      : async () => {
          const next = pending.pop();
          if (!next) throw new Error('out of prepared transactions');
          if (setup.op === 'submit')
            await client.send(new BatchGetCommand({ RequestItems: { [setup.tableName]: { Keys: next.reads, ConsistentRead: true } } }));
          await client.send(new TransactWriteCommand({ TransactItems: next.items }));
        };
  const result = await runLoad({ concurrency: message.concurrency, count: message.count, maxMs: message.maxMs, op });
  send({ type: 'result', result });
}
