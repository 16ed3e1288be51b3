import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { IDEMPOTENCY_PK_PREFIX } from '../table/access.ts';
import { rawDynamo, tableName } from '../table/client.ts';
import { partitionKey } from '../table/keys.ts';
import type { HttpResult } from './problem.ts';

/**
 * Stores each idempotency record in its own partition of the single table
 * (`IDEMPOTENCY#<key>`), rather than Powertools' default of one static partition,
 * so records spread across partitions under load. Powertools' key is already
 * `<function>#<digest of route, caller and Idempotency-Key>`; partitionKey only guards the bound.
 */
class SingleTablePersistence extends DynamoDBPersistenceLayer {
  protected override getKey(idempotencyKey: string) {
    return { pk: { S: idempotencyPk(idempotencyKey) }, sk: { S: 'IDEMPOTENCY' } };
  }
}

/** The partition key of an idempotency record, within DynamoDB's limit (see partitionKey). */
export const idempotencyPk = (idempotencyKey: string): string => partitionKey(IDEMPOTENCY_PK_PREFIX, idempotencyKey);

export interface IdempotentInput {
  key: string;
  payload: unknown;
}

let run: ((input: IdempotentInput, execute: () => Promise<HttpResult>) => Promise<HttpResult>) | undefined;
let config: IdempotencyConfig | undefined;

/** Header format: 1–128 visible ASCII characters (a UUID is typical). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * Runs a command once per idempotency key. A retry with the same key and payload returns
 * the stored response; the same key with another payload raises IdempotencyValidationError.
 */
export function runIdempotent(input: IdempotentInput, execute: () => Promise<HttpResult>, context?: Context): Promise<HttpResult> {
  if (!run) {
    config = new IdempotencyConfig({
      eventKeyJmesPath: 'key',
      payloadValidationJmesPath: 'payload',
      expiresAfterSeconds: 24 * 3600,
      throwOnNoIdempotencyKey: true,
    });
    const persistenceStore = new SingleTablePersistence({
      tableName: tableName(),
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      expiryAttr: 'ttl',
      awsSdkV3Client: rawDynamo(),
    });
    run = makeIdempotent(async (_input: IdempotentInput, exec: () => Promise<HttpResult>) => exec(), { persistenceStore, config, dataIndexArgument: 0 });
  }
  if (context) config?.registerLambdaContext(context);
  return run(input, execute);
}
