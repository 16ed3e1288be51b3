import { DescribeTableCommand, type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type Shard } from '@aws-sdk/client-dynamodb-streams';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { OUTBOX_PK_PREFIX, busEntryOf, type BusEntry } from '@channelbase/platform';

/**
 * DynamoDB Local's stream writes an empty map attribute as `{}` instead of `{ "M": {} }` (the
 * table itself returns `{ "M": {} }`; so does the AWS stream), and unmarshall refuses a value of no
 * type ("No value defined"). An event whose data holds an empty map (a partner with no custom
 * attributes) would stop the relay. Restores the type, recursively.
 */
export function withEmptyMaps(image: Record<string, unknown>): Record<string, unknown> {
  const fix = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    const value = v as { M?: Record<string, unknown>; L?: unknown[] };
    if (Object.keys(value).length === 0) return { M: {} };
    if (value.M) return { M: withEmptyMaps(value.M) };
    if (value.L) return { L: value.L.map(fix) };
    return v;
  };
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, fix(v)]));
}

/**
 * The outbox relay of the local runtime: reads the table's stream, as the relay Lambda does
 * in AWS, and publishes outbox items. Its position per shard is checkpointed in the table
 * after each publish, so a failed publish is retried and a restart resumes where it stopped.
 */
export class LocalRelay {
  private readonly streams: DynamoDBStreamsClient;
  private streamArn?: string;
  /** The last record handled per shard in this process; the persisted checkpoint covers restarts. */
  private readonly position = new Map<string, string>();

  constructor(
    private readonly dynamo: DynamoDBClient,
    endpoint: string,
    private readonly tableName: string,
    private readonly publish: (entry: BusEntry) => Promise<void>,
  ) {
    this.streams = new DynamoDBStreamsClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  }

  /** Relays everything new on the stream; returns how many events were published. */
  async pump(): Promise<number> {
    this.streamArn ??= (await this.dynamo.send(new DescribeTableCommand({ TableName: this.tableName }))).Table?.LatestStreamArn;
    if (!this.streamArn) throw new Error(`Table ${this.tableName} has no stream`);
    let published = 0;
    for (const shard of await this.shards()) {
      const checkpoint = this.position.get(shard.ShardId!) ?? (await this.checkpoint(shard.ShardId!));
      let iterator = (
        await this.streams.send(
          new GetShardIteratorCommand({
            StreamArn: this.streamArn,
            ShardId: shard.ShardId,
            ...(checkpoint ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint } : { ShardIteratorType: 'TRIM_HORIZON' }),
          }),
        )
      ).ShardIterator;
      while (iterator) {
        const { Records = [], NextShardIterator } = await this.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        for (const record of Records) {
          const image = record.dynamodb?.NewImage;
          // As the AWS relay's event source filter does: only outbox inserts are read, so no other
          // context's item in the stream can stop the relay.
          const outbox = record.eventName === 'INSERT' && image?.pk?.S?.startsWith(OUTBOX_PK_PREFIX);
          const entry = outbox && image ? busEntryOf(unmarshall(withEmptyMaps(image) as never)) : undefined;
          if (entry) {
            await this.publish(entry);
            published++;
          }
          // Persist only after a publish: saving the checkpoint is itself a stream record.
          if (entry) await this.saveCheckpoint(shard.ShardId!, record.dynamodb!.SequenceNumber!);
          this.position.set(shard.ShardId!, record.dynamodb!.SequenceNumber!);
        }
        if (Records.length === 0) break;
        iterator = NextShardIterator;
      }
    }
    return published;
  }

  private async shards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: start }));
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  private checkpointKey(shardId: string) {
    return { pk: { S: 'LOCAL#RELAY' }, sk: { S: `SHARD#${shardId}` } };
  }

  private async checkpoint(shardId: string): Promise<string | undefined> {
    const { Item } = await this.dynamo.send(new GetItemCommand({ TableName: this.tableName, Key: this.checkpointKey(shardId), ConsistentRead: true }));
    return Item?.sequenceNumber?.S;
  }

  private async saveCheckpoint(shardId: string, sequenceNumber: string): Promise<void> {
    await this.dynamo.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ...this.checkpointKey(shardId), kind: { S: 'local-relay' }, sequenceNumber: { S: sequenceNumber } },
      }),
    );
  }

  close(): void {
    this.streams.destroy();
  }
}
