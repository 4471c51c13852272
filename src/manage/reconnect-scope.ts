import type { Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import { auditScope, findScope, scopeDto, transitionScope, type ScopeDto } from './scope-store.js';

export interface ReconnectScopeOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  scopeId: string;
  actor: Actor;
}

/**
 * A disconnected scope syncs again (disconnected → enabled). The next run matches its PSA records to the existing
 * local records (the sync's matching) before it creates any, so unlinked records are linked again, never duplicated.
 */
export async function reconnectScope(o: ReconnectScopeOptions): Promise<{ scope: ScopeDto }> {
  return o.ctx.database.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const scope = await transitionScope(tx, o.accountId, await findScope(tx, o.accountId, o.scopeId, true), 'reconnect');
    await auditScope(tx, { accountId: o.accountId, actor: o.actor, action: 'scope.reconnected', scope });
    return { scope: scopeDto(scope) };
  });
}
