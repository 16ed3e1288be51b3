import { PreconditionFailedError, PreconditionRequiredError } from '@channelbase/core';

/** The ETag of a versioned record. */
export const etagOf = (record: { id: string; version: number }): string => `"${record.id}.v${record.version}"`;

/**
 * The version an `If-Match` header expects. A missing header is 428: updates must be
 * conditional so that no change is lost. If-Match compares strongly (RFC 9110 §13.1.1),
 * so a weak tag never matches.
 *
 * `If-Match: *` is 428 too. RFC 9110 lets `*` match any current representation, which would
 * make the update apply to whatever version is current: an unconditional write dressed as a
 * conditional one, the very lost update the header exists to prevent (a client that never read
 * the record, or read it long ago, overwrites a change it has not seen). Refusing it with the
 * status for "a specific precondition is required" says what to send instead; 412 would wrongly
 * suggest that the record changed.
 */
export function expectedVersion(ifMatch: string | undefined, id: string): number {
  if (!ifMatch) throw new PreconditionRequiredError('This update needs an If-Match header with the ETag from the last GET');
  if (ifMatch.trim() === '*') throw new PreconditionRequiredError('If-Match: * is not accepted: send the ETag of the last GET');
  const match = /^"([^"]+)\.v(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match || match[1] !== id) throw new PreconditionFailedError('The If-Match header does not match this record');
  return Number(match[2]);
}
