export * from './clock.ts';
export * from './ids.ts';
export * from './errors.ts';
export * from './money.ts';
export * from './audit.ts';
export * from './roles.ts';
export * from './events.ts';
export * from './text.ts';
