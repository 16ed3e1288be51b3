export * from './model.ts';
export * from './events.ts';
export * from './examples.ts';
export * from './catalog.ts';
export * from './use-cases.ts';
