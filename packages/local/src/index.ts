export * from './stack.ts';
export * from './tokens.ts';
export * from './bus.ts';
export * from './dynamo.ts';
export * from './server.ts';
export * from './workflows.ts';
