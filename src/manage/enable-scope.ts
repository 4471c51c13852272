import type { Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import { auditScope, findScope, scopeDto, transitionScope, type ScopeDto } from './scope-store.js';

export interface EnableScopeOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  scopeId: string;
  actor: Actor;
  /**
   * resume: a paused scope syncs again (paused → enabled); the next run catches its records up.
   * reconnect: a disconnected scope syncs again (disconnected → enabled). The next run matches its PSA records to the
   * existing local records before it creates any, so unlinked records are linked again, never duplicated.
   */
  event: 'resume' | 'reconnect';
}

const actions = { resume: 'scope.resumed', reconnect: 'scope.reconnected' } as const;

/** Resume or reconnect a scope; the scope state machine refuses the wrong starting state. */
export async function enableScope(o: EnableScopeOptions): Promise<{ scope: ScopeDto }> {
  return o.ctx.database.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const scope = await transitionScope(tx, o.accountId, await findScope(tx, o.accountId, o.scopeId, true), o.event);
    await auditScope(tx, { accountId: o.accountId, actor: o.actor, action: actions[o.event], scope });
    return { scope: scopeDto(scope) };
  });
}
