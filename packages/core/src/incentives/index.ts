export * from './arithmetic.ts';
export * from './periods.ts';
export * from './model.ts';
export * from './ledger.ts';
export * from './settlement.ts';
