import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * What a command sends to DynamoDB, recorded from the shared client so that a clean process can
 * send exactly the same calls: the steps in order, each the calls the command had in flight
 * together (a `Promise.all` of reads is one step). The reads are sent while recording (the command
 * needs their answers to decide); the TransactWriteItems that ends the command is captured unsent.
 */
export interface ScriptCall {
  /** The document client's command: `Get`, `BatchGet`, `Query` or `TransactWrite`. */
  command: string;
  input: Record<string, unknown>;
}
export type Script = ScriptCall[][];

/** Thrown by the recorder: the transaction the command built, not sent. */
class Captured extends Error {
  constructor() {
    super('captured');
  }
}

/** A middleware on the shared document client that records the calls of one command at a time. */
export class CallRecorder {
  #recording: { calls: { call: ScriptCall; start: number; end: number }[] } | undefined;
  #clock = 0;

  /** Adds the recorder to the client (once, before recording; each recorder on a client needs its own `name`). */
  attach(client: DynamoDBDocumentClient, name: string): void {
    const stack = client.middlewareStack as unknown as { add(m: unknown, o: Record<string, string>): void };
    stack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, unknown> }) => {
        const rec = this.#recording;
        if (!rec) return next(args);
        // GetItemCommand → Get, BatchGetItemCommand → BatchGet, TransactWriteItemsCommand → TransactWrite, QueryCommand → Query.
        const command = String(context.commandName ?? '?')
          .replace(/Command$/, '')
          .replace(/Items?$/, '');
        // A deep copy: the SDK's later middleware must not change what is replayed.
        const entry = { call: { command, input: structuredClone(args.input) }, start: this.#clock++, end: Infinity };
        rec.calls.push(entry);
        if (command === 'TransactWrite') throw new Captured();
        try {
          return await next(args);
        } finally {
          entry.end = this.#clock++;
        }
      },
      { step: 'initialize', priority: 'high', name },
    );
  }

  /**
   * Runs `command` (which must end in one TransactWriteItems, as a command committed with
   * `commit()` does) and returns what it sent; the transaction is not sent.
   */
  async record(command: () => Promise<unknown>): Promise<Script> {
    return this.#record(command, true);
  }

  /**
   * Runs `command`, a read-only one (every call sent, e.g. the status gate's BatchGetItem and
   * then a GetItem), and returns what it sent.
   */
  async recordReads(command: () => Promise<unknown>): Promise<Script> {
    return this.#record(command, false);
  }

  async #record(command: () => Promise<unknown>, commits: boolean): Promise<Script> {
    if (this.#recording) throw new Error('already recording');
    const rec: { calls: { call: ScriptCall; start: number; end: number }[] } = { calls: [] };
    this.#recording = rec;
    try {
      await command();
      if (commits) throw new Error('the command committed nothing: no TransactWriteItems was captured');
    } catch (err) {
      if (!(err instanceof Captured)) throw err;
      if (!commits) throw new Error('a read-only command sent a TransactWriteItems');
    } finally {
      this.#recording = undefined;
    }
    if (rec.calls.length === 0) throw new Error('the command sent nothing');
    // A call starts a new step unless it was sent while an earlier call of the step was in flight.
    const steps: Script = [];
    let stepEnd = -1;
    for (const { call, start, end } of rec.calls) {
      if (steps.length === 0 || start > stepEnd) {
        steps.push([call]);
        stepEnd = end;
      } else {
        steps.at(-1)?.push(call);
        stepEnd = Math.max(stepEnd, end);
      }
    }
    return steps;
  }
}

/** One line per step, e.g. `Get ×2 → TransactWrite (Put PARTNER, Update ORGKEY, ...)`. */
export function describeScript(script: Script): string {
  const kind = (pk: unknown) => String(pk).split('#')[0];
  return script
    .map((step) => {
      const names = step.map((c) => {
        if (c.command !== 'TransactWrite') return c.command;
        const items = (c.input.TransactItems ?? []) as Record<string, { Item?: { pk?: unknown }; Key?: { pk?: unknown } }>[];
        const actions = items.map((t) => {
          const [action, body] = Object.entries(t)[0] ?? ['?', {}];
          return `${action} ${kind((body.Item ?? body.Key)?.pk)}`;
        });
        return `TransactWrite (${actions.join(', ')})`;
      });
      return names.length > 1 && names.every((n) => n === names[0]) ? `${names[0]} ×${names.length} in parallel` : names.join(' + ');
    })
    .join(' → ');
}
