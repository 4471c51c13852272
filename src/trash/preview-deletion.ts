import type { AppContext } from '../http/context.js';
import type { RecordKind } from '../psa/canonical.js';
import type { SecretBox } from '../shared/secret-box.js';
import { collectDeletion, type DeletionRow } from './collect-deletion.js';
import { recordTables, type RecordTable } from './trash-tables.js';

const SAMPLE_SIZE = 10;

export interface KindCount {
  total: number;
  /** Rows without a PSA link: data that exists only in psalink (passwords and documents always do). */
  localOnly: number;
}

export interface DeletionPreview {
  kind: RecordKind;
  ids: string[];
  counts: Record<RecordTable, KindCount>;
  /** PSA links removed with the records. */
  links: number;
  /** Records whose link is syncing or in error: a single-record delete refuses them (disable sync first). */
  syncing: number;
  /** The first names per kind, by name. */
  sample: Record<RecordTable, string[]>;
  /** Send back to execute: it binds the confirmation to exactly these rows as they are now. */
  confirmationToken: string;
}

export interface PreviewDeletionOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  kind: RecordKind;
  ids: readonly string[];
}

/** Each id once, in the form the database returns it. */
export const normalizeIds = (ids: readonly string[]) => [...new Set(ids.map((id) => id.toLowerCase()))];

/** What deleting these records (with their children and links) would remove, and the token to confirm it. */
export async function previewDeletion(o: PreviewDeletionOptions): Promise<DeletionPreview> {
  const ids = normalizeIds(o.ids);
  const rows = await collectDeletion({ db: o.ctx.database.db, accountId: o.accountId, kind: o.kind, ids });
  return summarizeDeletion({ secretBox: o.ctx.secretBox, accountId: o.accountId, kind: o.kind, ids, rows });
}

export function summarizeDeletion(o: { secretBox: SecretBox; accountId: string; kind: RecordKind; ids: string[]; rows: readonly DeletionRow[] }): DeletionPreview {
  const linked = new Set(o.rows.filter((row) => row.table === 'psa_links').map((row) => `${row.linkKind}:${row.recordId}`));
  const linkTable: Partial<Record<RecordTable, RecordKind>> = { organizations: 'organization', configurations: 'configuration', contacts: 'contact' };
  const counts = {} as Record<RecordTable, KindCount>;
  const sample = {} as Record<RecordTable, string[]>;
  for (const table of recordTables) {
    const rows = o.rows.filter((row) => row.table === table);
    const kind = linkTable[table];
    counts[table] = { total: rows.length, localOnly: rows.filter((row) => !kind || !linked.has(`${kind}:${row.id}`)).length };
    sample[table] = rows
      .map((row) => row.name)
      .sort((a, b) => a.localeCompare(b))
      .slice(0, SAMPLE_SIZE);
  }
  const links = o.rows.filter((row) => row.table === 'psa_links');
  return {
    kind: o.kind,
    ids: o.ids,
    counts,
    links: links.length,
    syncing: links.filter((row) => row.state === 'syncing' || row.state === 'error').length,
    sample,
    confirmationToken: deletionToken(o.secretBox, o.accountId, o.kind, o.rows),
  };
}

/** HMAC over every affected row and its version: any row added, removed or edited since makes the token stale. */
export function deletionToken(secretBox: SecretBox, accountId: string, kind: RecordKind, rows: readonly DeletionRow[]): string {
  const canonical = rows
    .map((row) => `${row.table}:${row.id}:${row.version}:${row.state ?? ''}`)
    .sort()
    .join('\n');
  return secretBox.mac('trash-deletion', `${accountId}:${kind}:${canonical}`);
}
