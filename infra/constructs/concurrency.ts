import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { ChannelbaseFunction } from './function.ts';

/**
 * Reserves `executions` concurrent executions for a function: it can never use more (so a flood of
 * events cannot take the account's concurrency from the API functions, which share what is not
 * reserved), and always has that many. Set on the CloudFormation resource, beside the props
 * `ChannelbaseFunction` passes.
 */
export function reserveConcurrency(fn: ChannelbaseFunction, executions: number): void {
  (fn.fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = executions;
}
