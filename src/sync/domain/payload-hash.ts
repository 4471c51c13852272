import { createHash } from 'node:crypto';
import type { CanonicalRecord } from '../../psa/canonical.js';

/**
 * A digest of everything the sync writes from a PSA record. Equal digests mean applying the record again would change
 * nothing, so the writer skips it: a second run over unchanged data writes no row.
 */
export function payloadHash(record: CanonicalRecord): string {
  const fields = Object.keys(record.fields)
    .sort()
    .map((key) => [key, (record.fields as unknown as Record<string, unknown>)[key] ?? null]);
  const relevant = [record.type?.id ?? null, record.type?.name ?? null, record.status?.id ?? null, record.status?.name ?? null, record.parentExternalId, fields];
  return createHash('sha256').update(JSON.stringify(relevant)).digest('base64url').slice(0, 22);
}
