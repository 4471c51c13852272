import { and, eq, inArray, sql } from 'drizzle-orm';
import { syncScopes } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { nextScopeState, scopeTransitions, type ScopeEvent } from '../sync/domain/scope-states.js';
import { AppError } from '../shared/errors.js';
import { auditIntegration, findIntegration, type Actor } from './integration-store.js';
import type { ScopeChange } from './refresh-scopes.js';

export interface SetScopeStatesOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  integrationId: string;
  actor: Actor;
  /** Which types and statuses sync: only enabled ↔ excluded here (paused and disconnected belong to Manage Data). */
  scopes: { id: string; state: 'enabled' | 'excluded' }[];
}

export interface ScopeStateChange extends ScopeChange {
  previousState: ScopeChange['state'];
}

const eventFor = { enabled: 'include', excluded: 'exclude' } as const satisfies Record<string, ScopeEvent>;

/**
 * Chooses which PSA types and statuses sync. Returns the scopes that actually changed: the seam where the sync
 * engine's preview (records created, orphaned as excluded_by_settings, healed) and the next run plug in.
 * All or nothing: one unknown id or one scope in a state that settings cannot change, and nothing changes.
 */
export async function setScopeStates(options: SetScopeStatesOptions): Promise<ScopeStateChange[]> {
  const { ctx, accountId, integrationId } = options;
  const ids = options.scopes.map((s) => s.id);
  if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', 'Each scope may appear only once.');
  return ctx.database.db.transaction(async (tx) => {
    await findIntegration(tx, accountId, integrationId);
    if (ids.length === 0) return [];
    const rows = await tx
      .select()
      .from(syncScopes)
      .where(and(eq(syncScopes.accountId, accountId), eq(syncScopes.integrationId, integrationId), inArray(syncScopes.id, ids)))
      .for('update');
    const byId = new Map(rows.map((row) => [row.id, row]));
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length > 0) throw new AppError('not_found', 'Some scopes were not found in this integration.', { unknownScopeIds: unknown });
    const blocked = options.scopes.filter((s) => !nextScopeState(byId.get(s.id)!.state, eventFor[s.state]));
    if (blocked.length > 0) {
      const names = blocked.map((s) => `${byId.get(s.id)!.name} (${byId.get(s.id)!.state})`).join(', ');
      throw new AppError('conflict', `These scopes are paused or disconnected; reconnect them in Manage Data first: ${names}.`, {
        scopeIds: blocked.map((s) => s.id),
      });
    }

    const changes = options.scopes.filter((s) => byId.get(s.id)!.state !== s.state);
    for (const state of ['enabled', 'excluded'] as const) {
      const changing = changes.filter((s) => s.state === state).map((s) => s.id);
      if (changing.length === 0) continue;
      // The transition table again, in SQL: a concurrent pause or disconnect is never overwritten.
      await tx
        .update(syncScopes)
        .set({ state, updatedAt: sql`now()` })
        .where(and(eq(syncScopes.accountId, accountId), inArray(syncScopes.id, changing), inArray(syncScopes.state, [...scopeTransitions[eventFor[state]].from])));
    }
    const changed = changes.map((s) => {
      const { id, kind, dimension, externalId, name, state } = byId.get(s.id)!;
      return { id, kind, dimension, externalId, name, state: s.state, previousState: state };
    });
    if (changed.length > 0) {
      await auditIntegration(tx, {
        accountId,
        actor: options.actor,
        action: 'integration.scopes_changed',
        integrationId,
        counts: { enabled: changed.filter((c) => c.state === 'enabled').length, excluded: changed.filter((c) => c.state === 'excluded').length },
        details: { scopes: changed.map(({ kind, dimension, name, state }) => ({ kind, dimension, name, state })) },
      });
    }
    return changed;
  });
}
