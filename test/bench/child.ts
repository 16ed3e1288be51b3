import { type ChildProcess, fork } from 'node:child_process';
import { REPO_ROOT } from '@channelbase/local';

/**
 * A helper process of the benchmark (a `*-child.ts` file run through tsx), asked one message at
 * a time: every message gets exactly one reply, `{ type: 'error' }` becomes a rejection, and
 * every wait is bounded. The child ends when the parent disconnects or goes away.
 */
export class BenchChild<M extends { type: string }, R extends { type: string }> {
  readonly #process: ChildProcess;
  #waiting: ((reply: R | { type: 'error'; message: string }) => void) | undefined;

  /** `nodeOptions`: extra node flags before tsx (e.g. --expose-gc). */
  constructor(file: string, env: Record<string, string | undefined> = process.env, nodeOptions: readonly string[] = []) {
    this.#process = fork(file, [], { cwd: REPO_ROOT, env, execArgv: [...nodeOptions, '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#process.on('message', (reply: R | { type: 'error'; message: string }) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.(reply);
    });
    this.#process.on('exit', (code) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.({ type: 'error', message: `the child exited (${code})` });
    });
  }

  /** Sends `message` and waits at most `timeoutMs` for the reply. */
  async ask(message: M, timeoutMs: number): Promise<R> {
    if (this.#waiting) throw new Error('the child is still answering another message');
    const reply = new Promise<R | { type: 'error'; message: string }>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = undefined;
        reject(new Error(`the child did not answer ${message.type} within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.#waiting = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
    });
    this.#process.send(message);
    const r = await reply;
    if (r.type === 'error') throw new Error(`child: ${(r as { message: string }).message}`);
    return r as R;
  }

  /** Asks the child to exit; kills it if it has not within 3 s. */
  stop(): void {
    const child = this.#process;
    if (child.exitCode !== null || !child.connected) return;
    child.send({ type: 'exit' });
    child.disconnect();
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3000).unref();
  }
}
