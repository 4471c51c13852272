import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { SecretBox } from '../shared/secret-box.js';
import { collectDeletion } from '../trash/collect-deletion.js';
import { summarizeDeletion, type DeletionPreview } from '../trash/preview-deletion.js';
import { findScope, scopeDto, scopeLinksWhere, type ScopeDto, type ScopeRow } from './scope-store.js';

export type DisconnectMode = 'pause' | 'unlink' | 'delete';

export interface ScopeDisconnectPreview {
  mode: DisconnectMode;
  scope: ScopeDto;
  /** The scope's PSA links, any state. */
  links: number;
  /** The records those links tie (the records a delete removes, before their children). */
  records: number;
  deletion: DeletionPreview | null;
  effects: string[];
  confirmationToken: string;
}

export interface PreviewDisconnectScopeOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  scopeId: string;
  mode: DisconnectMode;
}

/** What disconnecting the scope in this mode would do, and the token that binds the confirmation to it. */
export async function previewDisconnectScope(o: PreviewDisconnectScopeOptions): Promise<ScopeDisconnectPreview> {
  const scope = await findScope(o.ctx.database.db, o.accountId, o.scopeId);
  return computeDisconnectPreview({ db: o.ctx.database.db, secretBox: o.ctx.secretBox, accountId: o.accountId, scope, mode: o.mode });
}

/** The preview over the data as this connection (the caller's transaction, at execute) sees it. */
export async function computeDisconnectPreview(o: { db: Db; secretBox: SecretBox; accountId: string; scope: ScopeRow; mode: DisconnectMode }): Promise<ScopeDisconnectPreview> {
  const links = await queryRows<{ id: string; record_id: string; state: string }>(o.db, sql`
    select id, record_id, state::text as state from psa_links where ${scopeLinksWhere(o.accountId, o.scope)} order by id`);
  const recordIds = [...new Set(links.map((link) => link.record_id))];
  let deletion: DeletionPreview | null = null;
  if (o.mode === 'delete') {
    const aggregate = await collectDeletion({ db: o.db, accountId: o.accountId, kind: o.scope.kind, ids: recordIds });
    deletion = summarizeDeletion({ secretBox: o.secretBox, accountId: o.accountId, kind: o.scope.kind, ids: recordIds, deletion: aggregate });
  }
  const canonical = [o.scope.id, o.scope.state, o.mode, ...links.map((link) => `${link.id}:${link.state}`), deletion?.confirmationToken ?? ''].join('\n');
  return {
    mode: o.mode,
    scope: scopeDto(o.scope),
    links: links.length,
    records: recordIds.length,
    deletion,
    effects: effectsOf(o.mode, o.scope, recordIds.length, deletion),
    confirmationToken: o.secretBox.mac('scope-disconnect', `${o.accountId}:${canonical}`),
  };
}

function effectsOf(mode: DisconnectMode, scope: ScopeRow, records: number, deletion: DeletionPreview | null): string[] {
  const what = `${records} ${scope.kind}${records === 1 ? '' : 's'} of ${scope.dimension} "${scope.name}"`;
  if (mode === 'pause') {
    return [`The sync leaves the ${what} exactly as they are.`, 'Their PSA links stay; resume the scope to sync them again.'];
  }
  if (mode === 'unlink') {
    return [
      `The PSA links of the ${what} are removed; the records stay in psalink as local records.`,
      `The sync no longer touches or creates ${scope.kind}s of this ${scope.dimension}.`,
      'Reconnecting the scope later matches the PSA records to these records again (no duplicates).',
    ];
  }
  const children = deletion
    ? (['configurations', 'contacts', 'passwords', 'documents'] as const)
        .filter((table) => table !== `${scope.kind}s` && deletion.counts[table].total > 0)
        .map((table) => `${deletion.counts[table].total} ${table}`)
    : [];
  return [
    `The ${what} are deleted${children.length ? `, with their ${children.join(', ')}` : ''}, into the trash as one batch you can restore.`,
    `The sync no longer creates ${scope.kind}s of this ${scope.dimension}.`,
  ];
}
