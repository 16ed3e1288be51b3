export * from './model.ts';
export * from './countries.ts';
export * from './routing.ts';
export * from './lifecycle.ts';
export * from './events.ts';
export * from './catalog.ts';
export * from './certification.ts';
