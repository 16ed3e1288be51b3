/** The bench's DynamoDB capacity meter: item sizes, the SDK middleware that prices calls, and its sums. */
export * from './sizes.ts';
export * from './report.ts';
export * from './meter.ts';
