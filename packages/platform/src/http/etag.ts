import { PreconditionFailedError, PreconditionRequiredError } from '@channelbase/core';

/** The ETag of a versioned record. */
export const etagOf = (record: { id: string; version: number }): string => `"${record.id}.v${record.version}"`;

/**
 * The version an `If-Match` header expects. A missing header is 428: updates must be
 * conditional so that no change is lost.
 */
export function expectedVersion(ifMatch: string | undefined, id: string): number {
  if (!ifMatch) throw new PreconditionRequiredError('This update needs an If-Match header with the ETag from the last GET');
  const match = /^(?:W\/)?"([^"]+)\.v(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match || match[1] !== id) throw new PreconditionFailedError('The If-Match header does not match this record');
  return Number(match[2]);
}
