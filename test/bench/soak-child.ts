/**
 * The local stack of the soak part (soak.ts), alone in a process started with --expose-gc, so its
 * memory is the stack's own: the load generator runs in the parent. Answers one message at a
 * time (BenchChild): `start` starts the stack (POST /applications with its throttle lifted, the
 * relay and bus running as under `npm start`), `token` signs a local token, `memory` collects
 * garbage and reports RSS and heapUsed with the sizes of the stack's in-memory collections.
 */
// The local runtime first: it sets the Powertools defaults before any handler module loads.
import { type LocalStack, type TokenRequest, startLocalStack } from '@channelbase/local';
import { contexts } from '../../functions/contexts.ts';
import { SUBMIT_OPERATION, liftThrottle } from './onboarding.ts';

export type SoakChildMessage = { type: 'start' } | { type: 'token'; request: TokenRequest } | { type: 'memory' } | { type: 'exit' };

export interface SoakMemory {
  rss: number;
  heapUsed: number;
  external: number;
  /** Events kept in the local bus's `published` list. */
  busPublished: number;
  /** Whether a full GC ran before the reading (the child was started with --expose-gc). */
  gc: boolean;
}

export type SoakChildReply =
  { type: 'started'; url: string } | { type: 'token'; token: string } | { type: 'memory'; memory: SoakMemory } | { type: 'error'; message: string };

let stack: LocalStack | undefined;
const send = (reply: SoakChildReply): void => void process.send?.(reply);

process.on('message', (message: SoakChildMessage) => {
  void handle(message).catch((err: unknown) => send({ type: 'error', message: (err as Error).message }));
});
process.on('disconnect', () => void stop());

async function stop(): Promise<never> {
  const running = stack;
  stack = undefined;
  await Promise.race([running?.stop(), new Promise((r) => setTimeout(r, 5000).unref())]).catch(() => undefined);
  process.exit(0);
}

async function handle(message: SoakChildMessage): Promise<void> {
  switch (message.type) {
    case 'start': {
      const { wirings } = liftThrottle(contexts, SUBMIT_OPERATION);
      stack = await startLocalStack({ port: 0, host: '127.0.0.1', wirings, relayIntervalMs: 250 });
      return send({ type: 'started', url: stack.url });
    }
    case 'token':
      if (!stack) throw new Error('not started');
      return send({ type: 'token', token: await stack.token(message.request) });
    case 'memory': {
      if (!stack) throw new Error('not started');
      const gc = (globalThis as { gc?: () => void }).gc;
      // Twice: the first pass can leave what finalizers release for the second.
      gc?.();
      gc?.();
      const m = process.memoryUsage();
      return send({ type: 'memory', memory: { rss: m.rss, heapUsed: m.heapUsed, external: m.external, busPublished: stack.bus.published.length, gc: !!gc } });
    }
    case 'exit':
      return void (await stop());
  }
}
