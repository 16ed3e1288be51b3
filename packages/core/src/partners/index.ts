export * from './model.ts';
export * from './events.ts';
export * from './lifecycle.ts';
