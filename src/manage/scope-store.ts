import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../db/database.js';
import { textArray } from '../db/sql-lists.js';
import type { Actor } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { AppError, notFound } from '../shared/errors.js';
import { scopeTransitions, type ScopeEvent, type ScopeState } from '../sync/domain/scope-states.js';
import { auditTrash } from '../trash/trash-audit.js';

/** A sync scope as Manage Data shows it. */
export interface ScopeDto {
  id: string;
  kind: RecordKind;
  dimension: 'type' | 'status';
  externalId: string;
  name: string;
  state: ScopeState;
}

export interface ScopeRow extends ScopeDto {
  integrationId: string;
}

/** The account's scope, or 404 (another account's id looks unknown); `lock` holds it until commit. */
export async function findScope(db: Db, accountId: string, scopeId: string, lock = false): Promise<ScopeRow> {
  const [row] = await queryRows<ScopeRow>(db, sql`
    select id, integration_id as "integrationId", kind, dimension, external_id as "externalId", name, state::text as state
    from sync_scopes where id = ${scopeId} and account_id = ${accountId} ${lock ? sql`for update` : sql``}`);
  if (!row) throw notFound('The sync scope');
  return row;
}

export const scopeDto = ({ id, kind, dimension, externalId, name, state }: ScopeDto): ScopeDto => ({ id, kind, dimension, externalId, name, state });

/** The scope's links (any state), as a condition over psa_links' unqualified columns. */
export function scopeLinksWhere(accountId: string, scope: ScopeRow): SQL {
  const column = scope.dimension === 'type' ? sql`psa_type_id` : sql`psa_status_id`;
  return sql`account_id = ${accountId} and integration_id = ${scope.integrationId} and kind = ${scope.kind} and ${column} = ${scope.externalId}`;
}

/**
 * Moves the scope along the scope state machine, enforced in SQL (a concurrent change can't slip in an illegal
 * transition); a scope not in a state the event may fire from is a 409 that names its state.
 */
export async function transitionScope(db: Db, accountId: string, scope: ScopeRow, event: ScopeEvent): Promise<ScopeRow> {
  const { from, to } = scopeTransitions[event];
  const rows = await queryRows<{ id: string }>(db, sql`
    update sync_scopes set state = ${to}::scope_state, updated_at = now()
    where id = ${scope.id} and account_id = ${accountId} and state::text = any(${textArray(from)}) returning id`);
  if (rows.length === 0) {
    const current = await findScope(db, accountId, scope.id);
    throw new AppError('conflict', `The scope "${current.name}" is ${current.state}; it can only be ${pastTense[event]} when it is ${from.join(' or ')}.`, {
      state: current.state,
    });
  }
  return { ...scope, state: to };
}

const pastTense: Record<ScopeEvent, string> = {
  include: 'included',
  exclude: 'excluded',
  pause: 'paused',
  resume: 'resumed',
  disconnect: 'disconnected',
  reconnect: 'reconnected',
};

/** One audit event for a scope action. */
export const auditScope = (db: Db, o: { accountId: string; actor: Actor; action: string; scope: ScopeRow; counts?: object; batchId?: string; details?: object }) =>
  auditTrash(db, {
    accountId: o.accountId,
    actor: o.actor,
    action: o.action,
    batchId: o.batchId,
    targetType: 'sync_scope',
    targetId: o.scope.id,
    counts: o.counts,
    details: { kind: o.scope.kind, dimension: o.scope.dimension, externalId: o.scope.externalId, name: o.scope.name, ...o.details },
  });
