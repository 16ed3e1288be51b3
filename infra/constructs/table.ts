import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
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

/** The single table, built from TABLE_DEFINITION (the same one DynamoDB Local is created from). */
export class ChannelbaseTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const S = AttributeType.STRING;
    this.table = new Table(this, 'Table', {
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
    for (const index of TABLE_DEFINITION.globalIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: S },
        sortKey: { name: index.sortKey, type: S },
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /** Item reads and writes on the table and each named index (no wildcard, no Scan). */
  grantData(grantee: IGrantable): void {
    const arn = this.table.tableArn;
    const indexArns = TABLE_DEFINITION.globalIndexes.map((i) => `${arn}/index/${i.name}`);
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...TABLE_DATA_ACTIONS], resources: [arn, ...indexArns] }));
  }
}
