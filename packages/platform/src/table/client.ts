import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runtimeConfig } from '../runtime.ts';

let client: DynamoDBDocumentClient | undefined;
let rawClient: DynamoDBClient | undefined;

/** The shared document client, created on first use. */
export function dynamo(): DynamoDBDocumentClient {
  if (!client) {
    const cfg = runtimeConfig();
    const raw = new DynamoDBClient({
      region: cfg.region,
      ...(cfg.dynamoEndpoint ? { endpoint: cfg.dynamoEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
    rawClient = raw;
    client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  }
  return client;
}

export const tableName = (): string => runtimeConfig().tableName;

/** The low-level client under the document client (for libraries that marshal themselves). */
export function rawDynamo(): DynamoDBClient {
  dynamo();
  return rawClient as DynamoDBClient;
}
