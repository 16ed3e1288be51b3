import { monotonicFactory } from 'ulidx';
import * as z from './zod.ts';

/** Id prefixes of API.md: an id names its kind. */
export const ID_PREFIXES = {
  application: 'app',
  agreement: 'agr',
  partner: 'ptr',
  user: 'usr',
  changeRequest: 'chg',
  lead: 'lead',
  deal: 'deal',
  programme: 'prg',
  settlement: 'stl',
  course: 'crs',
  exam: 'exm',
  attempt: 'att',
  certification: 'crt',
  mdf: 'mdf',
  event: 'evt',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

const ulid = monotonicFactory();
const ULID_PATTERN = '[0-9A-HJKMNP-TV-Z]{26}';

/**
 * A new sortable id of the given kind.
 * @example newId('partner') // 'ptr_01JD3...'
 */
export const newId = (kind: IdKind, at?: Date): string => `${ID_PREFIXES[kind]}_${ulid(at?.getTime())}`;

/** The zod schema that accepts only well-formed ids of one kind. */
export const idSchema = (kind: IdKind) =>
  z.withMeta(z.string().check(z.regex(new RegExp(`^${ID_PREFIXES[kind]}_${ULID_PATTERN}$`), `must be a ${kind} id (${ID_PREFIXES[kind]}_<ULID>)`)), {
    example: `${ID_PREFIXES[kind]}_01JD3Z8Q4W6N7P2R5T9V0XKM3A`,
  });
