import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { syncScopes } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import type { PsaConnector, PsaLookups } from '../psa/canonical.js';
import type { PsaHttpOptions } from '../psa/http/psa-http-client.js';
import { connectorForIntegration, withPsa } from './integration-connector.js';
import { findIntegration } from './integration-store.js';
import { lookupTableOf, scopeLists, scopeName } from './scope-lists.js';

export interface ScopeChange {
  id: string;
  kind: 'organization' | 'configuration' | 'contact';
  dimension: 'type' | 'status';
  externalId: string;
  name: string;
  state: 'enabled' | 'excluded' | 'paused' | 'disconnected';
}

export interface ScopeRefreshResult {
  /** Scopes seen for the first time, in the state they were given. */
  added: ScopeChange[];
  /** Scopes whose PSA name changed. */
  renamed: ScopeChange[];
  /** Scopes the PSA listed this time. */
  listed: number;
}

export interface ApplyLookupsOptions {
  db: Db;
  accountId: string;
  integrationId: string;
  lookups: PsaLookups;
  /**
   * While the integration is being added every type and status starts enabled (the admin narrows it down in the
   * settings). A type or status that appears in the PSA later starts excluded: a new PSA type must not start
   * syncing records into the documentation by surprise; the admin opts it in.
   */
  newScopeState: 'enabled' | 'excluded';
}

/**
 * Upserts one sync scope per PSA type and status and mirrors their names into psalink's own lookup lists. Scopes the
 * PSA no longer lists stay: links may still point at them, and the sync engine decides what their records become.
 */
export async function applyLookups(options: ApplyLookupsOptions): Promise<ScopeRefreshResult> {
  const { db, accountId, integrationId, lookups, newScopeState } = options;
  const rows = scopeLists.flatMap(({ kind, dimension, list }) => {
    const unique = new Map(lookups[list].map((ref) => [ref.id, ref]));
    return [...unique.values()].map((ref) => ({
      accountId,
      integrationId,
      kind,
      dimension,
      externalId: ref.id,
      name: scopeName(ref.name, dimension, ref.id),
      state: newScopeState,
    }));
  });
  const result: ScopeRefreshResult = { added: [], renamed: [], listed: rows.length };
  if (rows.length === 0) return result;

  const changed = await db
    .insert(syncScopes)
    .values(rows)
    .onConflictDoUpdate({
      target: [syncScopes.integrationId, syncScopes.kind, syncScopes.dimension, syncScopes.externalId],
      set: { name: sql`excluded.name`, updatedAt: sql`now()` },
      setWhere: sql`${syncScopes.name} <> excluded.name`,
    })
    .returning({
      id: syncScopes.id,
      kind: syncScopes.kind,
      dimension: syncScopes.dimension,
      externalId: syncScopes.externalId,
      name: syncScopes.name,
      state: syncScopes.state,
      // xmax is 0 on a row this statement inserted, set on one it updated.
      inserted: sql<boolean>`(xmax = 0)`,
    });
  for (const { inserted, ...scope } of changed) (inserted ? result.added : result.renamed).push(scope);

  for (const { kind, dimension, list } of scopeLists) {
    const names = rows.filter((r) => r.kind === kind && r.dimension === dimension).map((r) => ({ accountId, name: r.name }));
    // Case-insensitive by the lists' unique index: "Server" and "server" are one value.
    if (names.length > 0) await db.insert(lookupTableOf(list)).values(names).onConflictDoNothing();
  }
  return result;
}

export interface RefreshScopesOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  integrationId: string;
  /** The sync engine passes its own connector (patient retries); the API builds an interactive one. */
  connector?: PsaConnector;
  http?: PsaHttpOptions;
  deadlineMs?: number;
}

/** Reads the PSA's type and status lists again; new ones start excluded (see ApplyLookupsOptions). */
export async function refreshScopes(options: RefreshScopesOptions): Promise<ScopeRefreshResult> {
  const { ctx, accountId, integrationId } = options;
  const integration = await findIntegration(ctx.database.db, accountId, integrationId);
  const connector = options.connector ?? connectorForIntegration(ctx.secretBox, integration, options.http);
  const lookups = await withPsa((signal) => connector.listLookups(signal), options.deadlineMs);
  return ctx.database.db.transaction((tx) => applyLookups({ db: tx, accountId, integrationId, lookups, newScopeState: 'excluded' }));
}
