import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '@channelbase/platform/table/definition';
import { type AnyItem, type Form, type Image, imageSize, normalKey, scalarText } from './images.ts';
import { type CapacityCall, type CapacityTotals, PRICED, capacityTotals, reportedUnits } from './report.ts';
import { attributeValueSize, nativeValueSize, readUnits, utf8, writeUnits } from './sizes.ts';
import { applyUpdate } from './update-expression.ts';

/**
 * Capacity metering for DynamoDB Local, which reports no ConsumedCapacity unless asked: an SDK
 * middleware that prices every call from the items it reads and writes, by DynamoDB's published
 * rules. The benchmark adds it to the shared client from the outside (`meter.attach(rawDynamo())`);
 * production code knows nothing of it.
 *
 * Rules used (DynamoDB Developer Guide: "Item sizes and formats", "Read/write capacity mode",
 * "Capacity management for transactions", "Conditional writes"):
 * - Item sizes and unit rounding: sizes.ts.
 * - Reads: one unit per 4 KB, rounded up per item (GetItem, BatchGetItem, TransactGetItems) or
 *   over the total of the items a Query/Scan returns; a read of a missing item costs one unit;
 *   eventually consistent reads (and every GSI query) cost half; transactional reads twice.
 * - Writes: one unit per 1 KB, rounded up per item, of the larger of the before and after
 *   images; a failed conditional write costs the existing item's units (or 1 when absent);
 *   transactional writes (Put, Update, Delete) cost twice; a ConditionCheck inside
 *   TransactWriteItems is charged as a transactional WRITE of the checked item (2 units per
 *   KB), not as a read (AWS reports it under write capacity).
 * - GSIs: every write whose before or after image carries an index's key attributes costs one
 *   standard write per index entry touched, NOT doubled inside a transaction (the 2x applies to
 *   the base table only), sized by the projected item (the table projects ALL): add = 1 write of
 *   the new image, update in place = 1 write of the larger image, removal = 1 write of the old
 *   image, key change = removal + add. (DynamoDB Local's own ConsumedCapacity doubles index
 *   writes in transactions; real DynamoDB has been measured not to.)
 * Before images come from what the meter has already seen in this process (reads and writes);
 * when a before image is unknown the charge says so in `approximate`.
 */

export interface IndexShape {
  name: string;
  partitionKey: string;
  sortKey?: string;
}

export interface TableShape {
  partitionKey: string;
  sortKey?: string;
  indexes: readonly IndexShape[];
}

/** The single table's shape, from the definition the CDK stack and the local runtime share. */
export const SINGLE_TABLE_SHAPE: TableShape = {
  partitionKey: TABLE_DEFINITION.partitionKey,
  sortKey: TABLE_DEFINITION.sortKey,
  indexes: TABLE_DEFINITION.globalIndexes,
};

/** The part of the SDK middleware stack the meter uses (typed loosely: steps differ in types). */
interface Stack {
  add(middleware: unknown, options: { step: 'initialize' | 'build'; priority: 'high' | 'low'; name: string }): void;
}
const STATE = Symbol('capacityMeter');
interface CallState {
  original: unknown;
  wire?: unknown;
}

/**
 * Prices DynamoDB calls as they pass through an SDK client. Attach it once per client; switch it
 * off (`enabled = false`) while latency is measured so that it costs next to nothing.
 * @example const meter = new CapacityMeter(); meter.attach(rawDynamo());
 */
export class CapacityMeter {
  enabled = true;
  readonly #shape: TableShape;
  readonly #maxImages: number;
  readonly #images = new Map<string, Image>();
  #calls: CapacityCall[] = [];
  readonly #keyAttributes: Set<string>;
  readonly #requestConsumedCapacity: boolean;

  /**
   * `requestConsumedCapacity` also asks the service for its own figure (ReturnConsumedCapacity
   * INDEXES) while the meter is on, to compare with; it changes the requests, so only a
   * benchmark should set it.
   */
  constructor(shape: TableShape = SINGLE_TABLE_SHAPE, options: { maxImages?: number; requestConsumedCapacity?: boolean } = {}) {
    this.#shape = shape;
    this.#maxImages = options.maxImages ?? 50_000;
    this.#requestConsumedCapacity = options.requestConsumedCapacity ?? false;
    this.#keyAttributes = new Set(
      [shape.partitionKey, shape.sortKey, ...shape.indexes.flatMap((i) => [i.partitionKey, i.sortKey])].filter((a): a is string => !!a),
    );
  }

  /** Adds the metering middleware to a low-level client (the document client runs through it). */
  attach(client: DynamoDBClient): void {
    const outer =
      (next: (args: { input: unknown }) => Promise<{ output: unknown }>, context: Record<PropertyKey, unknown>) => async (args: { input: unknown }) => {
        if (!this.enabled) return next(args);
        const command = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
        const ask = this.#requestConsumedCapacity && PRICED.has(command);
        const input = ask ? { ...(args.input as AnyItem), ReturnConsumedCapacity: 'INDEXES' } : args.input;
        const state: CallState = { original: input };
        context[STATE] = state;
        try {
          const result = await next({ ...args, input });
          // The document client marshals between these two middlewares: a new input object
          // means its output comes back unmarshalled too.
          const form: Form = state.wire !== undefined && state.wire !== state.original ? 'native' : 'wire';
          const output = (result.output ?? {}) as AnyItem;
          const call = this.#price(command, (state.wire ?? input) as AnyItem, output, form);
          if (ask) call.reported = reportedUnits(output.ConsumedCapacity);
          this.#push(call);
          return result;
        } catch (err) {
          this.#push(this.#priceFailure(command, (state.wire ?? input) as AnyItem, err));
          throw err;
        }
      };
    const inner = (next: (args: { input: unknown }) => Promise<unknown>, context: Record<PropertyKey, unknown>) => async (args: { input: unknown }) => {
      const state = context[STATE] as CallState | undefined;
      if (state) state.wire = args.input;
      return next(args);
    };
    const stack = client.middlewareStack as unknown as Stack;
    stack.add(outer, { step: 'initialize', priority: 'high', name: 'capacityMeterOuter' });
    stack.add(inner, { step: 'build', priority: 'low', name: 'capacityMeterInner' });
  }

  /** Forgets the calls recorded so far (item images are kept, for before images). */
  reset(): void {
    this.#calls = [];
  }

  calls(): CapacityCall[] {
    return [...this.#calls];
  }

  totals(): CapacityTotals {
    return capacityTotals(this.#calls);
  }

  #push(call: CapacityCall): void {
    this.#calls.push(call);
    if (this.#calls.length > 100_000) this.#calls.splice(0, this.#calls.length - 100_000);
  }

  // ---- images

  #image(item: AnyItem, form: Form): Image {
    const attrs = new Map<string, number>();
    const keys = new Map<string, string>();
    for (const [name, value] of Object.entries(item)) {
      if (value === undefined) continue;
      attrs.set(name, utf8(name) + (form === 'wire' ? attributeValueSize(value as AttributeValue) : nativeValueSize(value)));
      if (this.#keyAttributes.has(name)) {
        const text = normalKey(scalarText(value, form), form);
        if (text !== undefined) keys.set(name, text);
      }
    }
    return { attrs, keys };
  }

  #keyOf(table: string, key: AnyItem, form: Form): string {
    const pk = normalKey(scalarText(key[this.#shape.partitionKey], form), form) ?? '?';
    const sk = this.#shape.sortKey ? (normalKey(scalarText(key[this.#shape.sortKey], form), form) ?? '?') : '';
    return `${table}|${pk}|${sk}`;
  }

  #keyOfImage(table: string, image: Image): string {
    return `${table}|${image.keys.get(this.#shape.partitionKey) ?? '?'}|${this.#shape.sortKey ? (image.keys.get(this.#shape.sortKey) ?? '?') : ''}`;
  }

  #remember(key: string, image: Image | undefined): void {
    this.#images.delete(key);
    if (!image) return;
    this.#images.set(key, image);
    if (this.#images.size > this.#maxImages) this.#images.delete(this.#images.keys().next().value as string);
  }

  // ---- pricing

  #price(command: string, input: AnyItem, output: AnyItem, form: Form): CapacityCall {
    const call: CapacityCall = { command, rcu: 0, wcu: 0, indexWcu: 0, charges: [] };
    const table = String(input.TableName ?? '');
    switch (command) {
      case 'GetItem': {
        const item = output.Item as AnyItem | undefined;
        const image = item ? this.#image(item, form) : undefined;
        if (image) this.#remember(this.#keyOfImage(table, image), image);
        const bytes = image ? imageSize(image) : 0;
        this.#read(call, { action: 'GetItem', table, key: this.#keyOf(table, input.Key as AnyItem, 'wire'), bytes, consistent: input.ConsistentRead === true });
        break;
      }
      case 'BatchGetItem': {
        const requests = (input.RequestItems ?? {}) as Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }>;
        const responses = (output.Responses ?? {}) as Record<string, AnyItem[]>;
        const unprocessed = (output.UnprocessedKeys ?? {}) as Record<string, { Keys?: unknown[] }>;
        for (const [t, req] of Object.entries(requests)) {
          const found = responses[t] ?? [];
          for (const item of found) {
            const image = this.#image(item, form);
            this.#remember(this.#keyOfImage(t, image), image);
            this.#read(call, { action: 'BatchGetItem', table: t, bytes: imageSize(image), consistent: req.ConsistentRead === true });
          }
          const missing = (req.Keys?.length ?? 0) - found.length - (unprocessed[t]?.Keys?.length ?? 0);
          for (let i = 0; i < missing; i++)
            this.#read(call, { action: 'BatchGetItem (missing item)', table: t, bytes: 0, consistent: req.ConsistentRead === true });
        }
        break;
      }
      case 'Query':
      case 'Scan': {
        const items = (output.Items ?? []) as AnyItem[];
        let bytes = 0;
        for (const item of items) {
          const image = this.#image(item, form);
          bytes += imageSize(image);
        }
        const notes: string[] = [];
        const scanned = typeof output.ScannedCount === 'number' ? output.ScannedCount : items.length;
        if (scanned > items.length) {
          notes.push(`a filter discarded ${scanned - items.length} of ${scanned} items read; their size is estimated from the returned ones`);
          bytes = items.length ? (bytes / items.length) * scanned : scanned * 1024;
        }
        if (input.ProjectionExpression || (input.Select && input.Select !== 'ALL_ATTRIBUTES')) notes.push('projected items: the full items read may be larger');
        const index = input.IndexName ? String(input.IndexName) : undefined;
        const units = readUnits(bytes, input.ConsistentRead === true && !index);
        call.rcu += units;
        call.charges.push({
          kind: 'read',
          action: `${command} (${items.length} items)`,
          table,
          ...(index ? { index } : {}),
          bytes: Math.round(bytes),
          units,
          transactional: false,
          ...(notes.length ? { approximate: notes.join('; ') } : {}),
        });
        break;
      }
      case 'TransactGetItems': {
        const gets = (input.TransactItems ?? []) as { Get?: { TableName?: string } }[];
        const responses = (output.Responses ?? []) as { Item?: AnyItem }[];
        gets.forEach((g, i) => {
          const item = responses[i]?.Item;
          const image = item ? this.#image(item, form) : undefined;
          const t = String(g.Get?.TableName ?? '');
          if (image) this.#remember(this.#keyOfImage(t, image), image);
          this.#read(call, { action: 'TransactGetItems.Get', table: t, bytes: image ? imageSize(image) : 0, consistent: true, transactional: true });
        });
        break;
      }
      case 'PutItem':
        this.#put(call, 'PutItem', table, input, false, output.Attributes as AnyItem | undefined, form);
        break;
      case 'UpdateItem':
        this.#update(call, 'UpdateItem', table, input, false, output.Attributes as AnyItem | undefined, form);
        break;
      case 'DeleteItem':
        this.#delete(call, 'DeleteItem', table, input, false, output.Attributes as AnyItem | undefined, form);
        break;
      case 'BatchWriteItem': {
        const requests = (input.RequestItems ?? {}) as Record<string, { PutRequest?: { Item: AnyItem }; DeleteRequest?: { Key: AnyItem } }[]>;
        for (const [t, writes] of Object.entries(requests)) {
          for (const w of writes) {
            if (w.PutRequest) this.#put(call, 'BatchWriteItem.Put', t, { Item: w.PutRequest.Item }, false, undefined, 'wire');
            if (w.DeleteRequest) this.#delete(call, 'BatchWriteItem.Delete', t, { Key: w.DeleteRequest.Key }, false, undefined, 'wire');
          }
        }
        break;
      }
      case 'TransactWriteItems': {
        const actions = (input.TransactItems ?? []) as Record<string, AnyItem | undefined>[];
        for (const a of actions) {
          if (a.Put) this.#put(call, 'TransactWriteItems.Put', String(a.Put.TableName), a.Put, true, undefined, 'wire');
          else if (a.Update) this.#update(call, 'TransactWriteItems.Update', String(a.Update.TableName), a.Update, true, undefined, 'wire');
          else if (a.Delete) this.#delete(call, 'TransactWriteItems.Delete', String(a.Delete.TableName), a.Delete, true, undefined, 'wire');
          else if (a.ConditionCheck) this.#conditionCheck(call, String(a.ConditionCheck.TableName), a.ConditionCheck);
        }
        break;
      }
      default:
        // Control-plane calls (DescribeTable, ...) and streams cost no capacity units.
        break;
    }
    return call;
  }

  #priceFailure(command: string, input: AnyItem, err: unknown): CapacityCall {
    const name = (err as { name?: string })?.name ?? 'Error';
    const call: CapacityCall = { command, rcu: 0, wcu: 0, indexWcu: 0, charges: [], failed: name };
    const table = String(input.TableName ?? '');
    if (name === 'ConditionalCheckFailedException' && (command === 'PutItem' || command === 'UpdateItem' || command === 'DeleteItem')) {
      // A failed conditional write still costs the existing item's write units (1 if absent).
      const old = (err as { Item?: Record<string, AttributeValue> }).Item;
      const key = old ? this.#keyOfImage(table, this.#image(old, 'wire')) : this.#keyOf(table, (input.Key ?? input.Item ?? {}) as AnyItem, 'wire');
      const known = old ? this.#image(old, 'wire') : this.#images.get(key);
      const bytes = known ? imageSize(known) : 0;
      const units = writeUnits(bytes);
      call.wcu += units;
      call.charges.push({
        kind: 'write',
        action: `${command} (condition failed)`,
        table,
        key,
        bytes,
        units,
        transactional: false,
        ...(known ? {} : { approximate: 'existing item unknown to the meter: charged 1 unit' }),
      });
      if (known) this.#remember(key, known);
    } else if (name === 'TransactionCanceledException') {
      call.charges.push({
        kind: 'write',
        action: 'TransactWriteItems (cancelled)',
        table,
        bytes: 0,
        units: 0,
        transactional: true,
        approximate: 'a cancelled transaction is not priced (AWS returns no ConsumedCapacity for it)',
      });
    }
    return call;
  }

  #read(call: CapacityCall, r: { action: string; table: string; key?: string; bytes: number; consistent: boolean; transactional?: boolean }): void {
    const units = readUnits(r.bytes, r.consistent, r.transactional);
    call.rcu += units;
    call.charges.push({
      kind: 'read',
      action: r.action,
      table: r.table,
      ...(r.key ? { key: r.key } : {}),
      bytes: r.bytes,
      units,
      transactional: !!r.transactional,
    });
  }

  #write(
    call: CapacityCall,
    action: string,
    table: string,
    key: string,
    before: Image | undefined,
    after: Image | undefined,
    transactional: boolean,
    approximate?: string,
  ): void {
    const bytes = Math.max(before ? imageSize(before) : 0, after ? imageSize(after) : 0);
    const units = writeUnits(bytes, transactional);
    call.wcu += units;
    call.charges.push({ kind: 'write', action, table, key, bytes, units, transactional, ...(approximate ? { approximate } : {}) });
    this.#indexWrites(call, table, key, before, after, approximate);
    this.#remember(key, after);
  }

  /** One standard write per index entry added, updated or removed (two when its key changes). */
  #indexWrites(call: CapacityCall, table: string, key: string, before: Image | undefined, after: Image | undefined, approximate?: string): void {
    for (const index of this.#shape.indexes) {
      const keyIn = (image: Image | undefined) => {
        if (!image) return undefined;
        const pk = image.keys.get(index.partitionKey);
        const sk = index.sortKey ? image.keys.get(index.sortKey) : '';
        return pk === undefined || sk === undefined ? undefined : `${pk}|${sk}`;
      };
      const was = keyIn(before);
      const is = keyIn(after);
      const entries: [string, number][] = [];
      if (was !== undefined && is !== undefined && was === is) entries.push(['update', Math.max(imageSize(before as Image), imageSize(after as Image))]);
      else {
        if (was !== undefined) entries.push(['delete', imageSize(before as Image)]);
        if (is !== undefined) entries.push(['put', imageSize(after as Image)]);
      }
      for (const [what, bytes] of entries) {
        const units = writeUnits(bytes);
        call.indexWcu += units;
        call.charges.push({
          kind: 'index-write',
          action: `${index.name} ${what}`,
          table,
          index: index.name,
          key,
          bytes,
          units,
          transactional: false,
          ...(approximate ? { approximate } : {}),
        });
      }
    }
  }

  #put(call: CapacityCall, action: string, table: string, input: AnyItem, transactional: boolean, oldAttributes: AnyItem | undefined, form: Form): void {
    const item = (input.Item ?? {}) as AnyItem;
    const after = this.#image(item, 'wire');
    const key = this.#keyOfImage(table, after);
    const condition = String(input.ConditionExpression ?? '');
    const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
    const createsOnly = new RegExp(`^\\s*attribute_not_exists\\(\\s*(${this.#shape.partitionKey}|#\\w+)\\s*\\)\\s*$`).exec(condition);
    const isCreate = !!createsOnly && (createsOnly[1] === this.#shape.partitionKey || names[createsOnly[1] as string] === this.#shape.partitionKey);
    let before: Image | undefined;
    let approximate: string | undefined;
    if (oldAttributes) before = this.#image(oldAttributes, form);
    else if (!isCreate) {
      before = this.#images.get(key);
      if (!before && condition && !/attribute_not_exists/.test(condition)) approximate = 'before image unknown: priced as a new item';
    }
    this.#write(call, action, table, key, isCreate ? undefined : before, after, transactional, approximate);
  }

  #delete(call: CapacityCall, action: string, table: string, input: AnyItem, transactional: boolean, oldAttributes: AnyItem | undefined, form: Form): void {
    const key = this.#keyOf(table, (input.Key ?? {}) as AnyItem, 'wire');
    const before = oldAttributes ? this.#image(oldAttributes, form) : this.#images.get(key);
    this.#write(call, action, table, key, before, undefined, transactional, before ? undefined : 'deleted item unknown to the meter: charged 1 unit');
  }

  #conditionCheck(call: CapacityCall, table: string, input: AnyItem): void {
    const key = this.#keyOf(table, (input.Key ?? {}) as AnyItem, 'wire');
    const known = this.#images.get(key);
    const bytes = known ? imageSize(known) : 0;
    const units = writeUnits(bytes, true);
    call.wcu += units;
    call.charges.push({
      kind: 'write',
      action: 'TransactWriteItems.ConditionCheck',
      table,
      key,
      bytes,
      units,
      transactional: true,
      ...(known ? {} : { approximate: 'checked item unknown to the meter: charged as 1 KB' }),
    });
  }

  #update(call: CapacityCall, action: string, table: string, input: AnyItem, transactional: boolean, attributes: AnyItem | undefined, form: Form): void {
    const key = this.#keyOf(table, (input.Key ?? {}) as AnyItem, 'wire');
    const returnValues = String(input.ReturnValues ?? 'NONE');
    const known = this.#images.get(key);
    const notes: string[] = [];
    const before: Image | undefined = returnValues === 'ALL_OLD' && attributes ? this.#image(attributes, form) : known;
    let after: Image | undefined;
    if (returnValues === 'ALL_NEW' && attributes) after = this.#image(attributes, form);
    else {
      const applied = applyUpdate(before, input, this.#keyAttributes);
      after = applied.image;
      notes.push(...applied.notes);
    }
    if (!before) notes.push('before image unknown: priced from the key and the values set');
    this.#write(call, action, table, key, before, after, transactional, notes.length ? notes.join('; ') : undefined);
  }
}
