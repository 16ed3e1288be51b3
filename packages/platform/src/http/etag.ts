import { PreconditionFailedError, PreconditionRequiredError } from '@channelbase/core';

/** The ETag of a versioned record. */
export const etagOf = (record: { id: string; version: number }): string => `"${record.id}.v${record.version}"`;

/**
 * The version an `If-Match` header expects. A missing header is 428: updates must be
 * conditional so that no change is lost. If-Match compares strongly (RFC 9110 §13.1.1),
 * so a weak tag never matches.
 */
export function expectedVersion(ifMatch: string | undefined, id: string): number {
  if (!ifMatch) throw new PreconditionRequiredError('This update needs an If-Match header with the ETag from the last GET');
  const match = /^"([^"]+)\.v(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match || match[1] !== id) throw new PreconditionFailedError('The If-Match header does not match this record');
  return Number(match[2]);
}
