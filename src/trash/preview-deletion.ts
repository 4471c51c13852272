import type { AppContext } from '../http/context.js';
import type { RecordKind } from '../psa/canonical.js';
import type { SecretBox } from '../shared/secret-box.js';
import { collectDeletion, type DeletionAggregate } from './collect-deletion.js';
import { recordTables, trashTableNames, type RecordTable } from './trash-tables.js';

const linkKind: Partial<Record<RecordTable, RecordKind>> = { organizations: 'organization', configurations: 'configuration', contacts: 'contact' };

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
  const deletion = await collectDeletion({ db: o.ctx.database.db, accountId: o.accountId, kind: o.kind, ids });
  return summarizeDeletion({ secretBox: o.ctx.secretBox, accountId: o.accountId, kind: o.kind, ids, deletion });
}

export function summarizeDeletion(o: { secretBox: SecretBox; accountId: string; kind: RecordKind; ids: string[]; deletion: DeletionAggregate }): DeletionPreview {
  const { tables, linksByKind } = o.deletion;
  const counts = {} as Record<RecordTable, KindCount>;
  const sample = {} as Record<RecordTable, string[]>;
  for (const table of recordTables) {
    const kind = linkKind[table];
    // A record has at most one link of its kind, and the links deleted are exactly those of the records deleted.
    counts[table] = { total: tables[table].total, localOnly: tables[table].total - (kind ? linksByKind[kind] : 0) };
    sample[table] = tables[table].sample;
  }
  return {
    kind: o.kind,
    ids: o.ids,
    counts,
    links: tables.psa_links.total,
    syncing: o.deletion.syncing,
    sample,
    confirmationToken: deletionToken(o.secretBox, o.accountId, o.kind, o.deletion),
  };
}

/** HMAC over every table's count and row digest: any row added, removed or edited since makes the token stale. */
export function deletionToken(secretBox: SecretBox, accountId: string, kind: RecordKind, deletion: DeletionAggregate): string {
  const canonical = trashTableNames.map((table) => `${table}:${deletion.tables[table].total}:${deletion.tables[table].digest}`).join('\n');
  return secretBox.mac('trash-deletion', `${accountId}:${kind}:${canonical}`);
}
