import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { isoOrNull } from '../db/timestamps.js';
import { linkErrorOf } from './link-error.js';
import { openCredentials } from '../integrations/integration-store.js';
import type { PsaProvider, RecordKind } from '../psa/canonical.js';
import { psaRecordUrl } from '../psa/psa-record-url.js';
import { notFound } from '../shared/errors.js';
import type { SecretBox } from '../shared/secret-box.js';
import { orphanReasonText } from '../sync/domain/link-states.js';
import type { RecordLinkDto } from './record-link.schemas.js';

export interface GetRecordLinkOptions {
  db: Db;
  secretBox: SecretBox;
  accountId: string;
  kind: RecordKind;
  recordId: string;
}

const tables: Record<RecordKind, SQL> = { organization: sql`organizations`, configuration: sql`configurations`, contact: sql`contacts` };
const labels: Record<RecordKind, string> = { organization: 'The organization', configuration: 'The configuration', contact: 'The contact' };

interface Row {
  link_id: string | null;
  state: RecordLinkDto['state'] | null;
  orphan_reason: RecordLinkDto['orphanReason'];
  orphaned_at: Date | string | null;
  external_id: string | null;
  psa_type: string | null;
  psa_status: string | null;
  last_synced_at: Date | string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_at: Date | string | null;
  provider: PsaProvider | null;
  base_url: string | null;
  credentials_ciphertext: string | null;
}

/**
 * The PSA link of exactly one record, by its id (never by name). The record itself is looked up in the caller's
 * account first, so another account's id is "not found" and a local record answers null.
 */
export async function getRecordLink(o: GetRecordLinkOptions): Promise<RecordLinkDto | null> {
  const [row] = await queryRows<Row>(
    o.db,
    sql`
      select l.id as link_id, l.state, l.orphan_reason, l.orphaned_at, l.external_id, ts.name as psa_type, ss.name as psa_status,
        l.last_synced_at, l.last_error_code, l.last_error_message, l.last_error_at, i.provider, i.base_url, i.credentials_ciphertext
      from ${tables[o.kind]} r
        left join psa_links l on l.account_id = r.account_id and l.kind = ${o.kind} and l.record_id = r.id
        left join psa_integrations i on i.id = l.integration_id and i.account_id = l.account_id
        left join sync_scopes ts on ts.integration_id = l.integration_id and ts.kind = l.kind and ts.dimension = 'type' and ts.external_id = l.psa_type_id
        left join sync_scopes ss on ss.integration_id = l.integration_id and ss.kind = l.kind and ss.dimension = 'status' and ss.external_id = l.psa_status_id
      where r.id = ${o.recordId} and r.account_id = ${o.accountId}`,
  );
  if (!row) throw notFound(labels[o.kind]);
  if (!row.link_id || !row.state || row.external_id === null || !row.provider || row.base_url === null) return null;
  return {
    id: row.link_id,
    state: row.state,
    orphanReason: row.orphan_reason,
    orphanReasonText: row.orphan_reason ? orphanReasonText[row.orphan_reason] : null,
    orphanedAt: isoOrNull(row.orphaned_at),
    psaId: row.external_id,
    psaTypeName: row.psa_type,
    psaStatusName: row.psa_status,
    lastSyncedAt: isoOrNull(row.last_synced_at),
    lastError: linkErrorOf(row),
    provider: row.provider,
    psaUrl: psaRecordUrl({ provider: row.provider, baseUrl: row.base_url, kind: o.kind, externalId: row.external_id, companyId: companyIdOf(o.secretBox, row) }),
  };
}

/** ConnectWise links name the login company; it is no secret, but it is stored with the keys, so read only that. */
function companyIdOf(secretBox: SecretBox, row: Row): string | undefined {
  if (row.provider !== 'connectwise' || !row.credentials_ciphertext) return undefined;
  try {
    return openCredentials(secretBox, { credentialsCiphertext: row.credentials_ciphertext }).companyId;
  } catch {
    return undefined; // unreadable with this key: the link still opens, and ConnectWise asks for the company
  }
}
