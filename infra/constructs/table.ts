import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { STATUS_GATE } from '@channelbase/platform/table/access';
import { TABLE_DEFINITION } from '@channelbase/platform/table/definition';

/**
 * What a function may do with items. No Scan (lists are Queries), no table management;
 * TransactWriteItems and TransactGetItems are authorised through the item actions they contain.
 */
export const TABLE_DATA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

/** What a read-only grant allows: item reads and Queries (a `Select COUNT` Query included). */
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/**
 * What the platform's own records need: outbox events and consumer markers are put (inside
 * the transaction of the change), idempotency records are read, put, updated and deleted by
 * Powertools. Never queried, so never on an index.
 */
export const PLATFORM_RECORD_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;

/** The status gate reads single items only. */
export const STATUS_GATE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem'] as const;

/** Limits a statement to items whose partition key (or, for a Query on an index, the index's) matches one of `keys`. */
export const leadingKeys = (keys: readonly string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...keys] } });

export interface ChannelbaseTableProps {
  /**
   * Use this existing table (restored from point-in-time recovery, docs/operations.md) instead
   * of creating one. The stack then does not manage it: its settings (stream, TTL, recovery,
   * deletion protection) are the operator's, as the runbook sets them.
   */
  existing?: { name: string; streamArn: string };
}

/**
 * The single table, built from TABLE_DEFINITION (the same one DynamoDB Local is created from),
 * or an existing one with the same definition, by name.
 */
export class ChannelbaseTable extends Construct {
  readonly table: ITable;
  /** False when the stack uses an existing table it did not create. */
  readonly managed: boolean;

  constructor(scope: Construct, id: string, props: ChannelbaseTableProps = {}) {
    super(scope, id);
    this.managed = !props.existing;
    if (props.existing) {
      this.table = Table.fromTableAttributes(this, 'Table', { tableName: props.existing.name, tableStreamArn: props.existing.streamArn });
      return;
    }
    const S = AttributeType.STRING;
    const table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: S },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: S },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      stream: StreamViewType[TABLE_DEFINITION.stream],
      timeToLiveAttribute: TABLE_DEFINITION.timeToLiveAttribute,
    });
    this.table = table;
    for (const index of TABLE_DEFINITION.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: S },
        sortKey: { name: index.sortKey, type: S },
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /** The table's ARN and each named index's (listed, never `index/*`). */
  get arns(): { table: string; indexes: string[] } {
    const arn = this.table.tableArn;
    return { table: arn, indexes: TABLE_DEFINITION.globalIndexes.map((i) => `${arn}/index/${i.name}`) };
  }

  /**
   * Item actions on the partitions `keys` name, on the table and each index. `sid` names the
   * statement (it also keeps IAM's policy minimisation from merging it with another grant).
   */
  grantItems(grantee: IGrantable, grant: { sid: string; access: 'read' | 'write'; keys: readonly string[] }): void {
    if (!grant.keys.length) return;
    const { table, indexes } = this.arns;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: grant.sid,
        actions: [...(grant.access === 'write' ? TABLE_DATA_ACTIONS : TABLE_READ_ACTIONS)],
        resources: [table, ...indexes],
        conditions: leadingKeys(grant.keys),
      }),
    );
  }

  /** The platform's records a function uses (outbox, idempotency, consumer markers), on the table only. */
  grantPlatformRecords(grantee: IGrantable, keys: readonly string[]): void {
    if (!keys.length) return;
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'PlatformRecords', actions: [...PLATFORM_RECORD_ACTIONS], resources: [this.arns.table], conditions: leadingKeys(keys) }),
    );
  }

  /**
   * The partner status gate: GetItem / BatchGetItem of `PARTNER#<id>` items, projecting only
   * `pk`, `sk`, `status` and `sessionsRevokedAt`. A request without a projection asks for all
   * attributes (`Select` ALL_ATTRIBUTES) and is refused.
   */
  grantStatusGateRead(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'PartnerStatusGate',
        actions: [...STATUS_GATE_ACTIONS],
        resources: [this.arns.table],
        conditions: {
          ...leadingKeys(STATUS_GATE.prefixes),
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...STATUS_GATE.attributes] },
          StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
        },
      }),
    );
  }
}
