export * from './model.ts';
export * from './events.ts';
export * from './lifecycle.ts';
export * from './examples.ts';
export * from './catalog.ts';
