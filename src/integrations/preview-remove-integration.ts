import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { psaLinks, syncRuns, syncScopes } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { recordKinds, type RecordKind } from '../psa/canonical.js';
import type { SecretBox } from '../shared/secret-box.js';
import { linkStates, type LinkState } from '../sync/domain/link-states.js';
import { findIntegration } from './integration-store.js';

export type LinkCounts = Record<RecordKind, Record<LinkState, number> & { total: number }>;

export interface RemovalPreview {
  integrationId: string;
  links: LinkCounts;
  totalLinks: number;
  scopes: number;
  runs: number;
  /** A run that is working right now: removal waits for it (see remove-integration.ts). */
  syncRunning: boolean;
  /** What removal does, in words. */
  effects: string[];
  /** Send back to DELETE: it binds the confirmation to exactly these counts. */
  confirmationToken: string;
}

export interface PreviewRemoveIntegrationOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  integrationId: string;
}

/** Counts what removing the integration would touch. Removal never deletes records: linked ones become local. */
export async function previewRemoveIntegration(options: PreviewRemoveIntegrationOptions): Promise<RemovalPreview> {
  const { ctx, accountId, integrationId } = options;
  const db = ctx.database.db;
  await findIntegration(db, accountId, integrationId);
  const links = await countLinks(db, accountId, integrationId);
  const totalLinks = recordKinds.reduce((sum, kind) => sum + links[kind].total, 0);
  const scopes = await db.$count(syncScopes, and(eq(syncScopes.accountId, accountId), eq(syncScopes.integrationId, integrationId)));
  const runs = await db.$count(syncRuns, and(eq(syncRuns.accountId, accountId), eq(syncRuns.integrationId, integrationId)));
  const syncRunning = await isSyncRunning(db, accountId, integrationId);
  const per = recordKinds.map((kind) => `${links[kind].total} ${kind}${links[kind].total === 1 ? '' : 's'}`).join(', ');
  return {
    integrationId,
    links,
    totalLinks,
    scopes,
    runs,
    syncRunning,
    effects: [
      `The ${totalLinks} PSA links (${per}) are removed; every linked record stays in psalink as a local record, with its passwords and documents.`,
      'No record is deleted, and nothing is changed in the PSA.',
      `The sync settings (${scopes} types and statuses) and the history of ${runs} sync runs are deleted.`,
      'Connecting the PSA again later matches its records to these local records (ambiguous ones wait for review) rather than duplicating them.',
    ],
    confirmationToken: removalToken(ctx.secretBox, integrationId, links),
  };
}

export function removalToken(secretBox: SecretBox, integrationId: string, links: LinkCounts): string {
  const canonical = recordKinds.map((kind) => linkStates.map((state) => links[kind][state]).join(',')).join(';');
  return secretBox.mac('integration-removal', `${integrationId}:${canonical}`);
}

export async function countLinks(db: Db, accountId: string, integrationId: string): Promise<LinkCounts> {
  const rows = await db
    .select({ kind: psaLinks.kind, state: psaLinks.state, n: count() })
    .from(psaLinks)
    .where(and(eq(psaLinks.accountId, accountId), eq(psaLinks.integrationId, integrationId)))
    .groupBy(psaLinks.kind, psaLinks.state);
  const zero = () => ({ ...(Object.fromEntries(linkStates.map((s) => [s, 0])) as Record<LinkState, number>), total: 0 });
  const counts = Object.fromEntries(recordKinds.map((kind) => [kind, zero()])) as LinkCounts;
  for (const row of rows) {
    counts[row.kind][row.state] = Number(row.n);
    counts[row.kind].total += Number(row.n);
  }
  return counts;
}

/**
 * A run with a recent heartbeat is working now. One whose worker died long ago must not block removal forever,
 * so only a heartbeat (or start) within the last five minutes counts.
 */
export async function isSyncRunning(db: Db, accountId: string, integrationId: string): Promise<boolean> {
  const running = await db.$count(
    syncRuns,
    and(
      eq(syncRuns.accountId, accountId),
      eq(syncRuns.integrationId, integrationId),
      inArray(syncRuns.status, ['running']),
      sql`coalesce(${syncRuns.heartbeatAt}, ${syncRuns.startedAt}, ${syncRuns.createdAt}) > now() - interval '5 minutes'`,
    ),
  );
  return running > 0;
}
