import type { Context } from 'aws-lambda';
import { IDEMPOTENCY_PK_PREFIX } from '../table/access.ts';
import { rawDynamo, tableName } from '../table/client.ts';
import { partitionKey } from '../table/keys.ts';
import { HttpProblemError, type HttpResult } from './problem.ts';

/** The partition key of an idempotency record, within DynamoDB's limit (see partitionKey). */
export const idempotencyPk = (idempotencyKey: string): string => partitionKey(IDEMPOTENCY_PK_PREFIX, idempotencyKey);

export interface IdempotentInput {
  key: string;
  payload: unknown;
}

type Runner = (input: IdempotentInput, execute: () => Promise<HttpResult>) => Promise<HttpResult>;
interface Idempotency {
  run: Runner;
  registerContext(context: Context): void;
  /** The Powertools error as this API answers it, or undefined for any other error. */
  problemOf(error: unknown): HttpProblemError | undefined;
}

/** Header format: 1–128 visible ASCII characters (a UUID is typical). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * Powertools idempotency (with its JMESPath engine, about 40 KB) is imported on the first POST
 * that carries an Idempotency-Key, not at a cold start: most requests never need it.
 */
let loading: Promise<Idempotency> | undefined;
function idempotency(): Promise<Idempotency> {
  loading ??= (async () => {
    const [{ IdempotencyConfig, IdempotencyAlreadyInProgressError, IdempotencyValidationError, makeIdempotent }, { DynamoDBPersistenceLayer }] =
      await Promise.all([import('@aws-lambda-powertools/idempotency'), import('@aws-lambda-powertools/idempotency/dynamodb')]);
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
    const config = new IdempotencyConfig({
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
    const run: Runner = makeIdempotent(async (_input: IdempotentInput, exec: () => Promise<HttpResult>) => exec(), {
      persistenceStore,
      config,
      dataIndexArgument: 0,
    });
    return {
      run,
      registerContext: (context: Context) => config.registerLambdaContext(context),
      problemOf(error: unknown) {
        if (error instanceof IdempotencyValidationError)
          return new HttpProblemError(422, 'idempotency-key-reused', 'This Idempotency-Key was used with a different request');
        if (error instanceof IdempotencyAlreadyInProgressError) {
          return new HttpProblemError(409, 'request-in-progress', 'A request with this Idempotency-Key is still in progress', [], { 'retry-after': '1' });
        }
        return undefined;
      },
    };
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Runs a command once per idempotency key. A retry with the same key and payload returns
 * the stored response; the same key with another payload is a 422 problem, and a retry while
 * the first is still running a 409 one.
 */
export async function runIdempotent(input: IdempotentInput, execute: () => Promise<HttpResult>, context?: Context): Promise<HttpResult> {
  const idem = await idempotency();
  if (context) idem.registerContext(context);
  try {
    return await idem.run(input, execute);
  } catch (error) {
    throw idem.problemOf(error) ?? error;
  }
}
