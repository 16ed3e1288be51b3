import { ConfigError } from './config.ts';
import { createApp } from './create-app.ts';

/** Entry point of `npx cdk synth|deploy` (cdk.json: `tsx infra/app.ts`). */
try {
  createApp().app.synth();
} catch (err) {
  // A bad context value is the caller's mistake: say which, without a stack trace.
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
