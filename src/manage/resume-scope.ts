import type { Db } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import type { Actor } from '../integrations/integration-store.js';
import { auditScope, findScope, scopeDto, transitionScope, type ScopeDto } from './scope-store.js';

export interface ResumeScopeOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  scopeId: string;
  actor: Actor;
}

/** A paused scope syncs again (paused → enabled); the next run catches its records up. */
export async function resumeScope(o: ResumeScopeOptions): Promise<{ scope: ScopeDto }> {
  return o.ctx.database.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const scope = await transitionScope(tx, o.accountId, await findScope(tx, o.accountId, o.scopeId, true), 'resume');
    await auditScope(tx, { accountId: o.accountId, actor: o.actor, action: 'scope.resumed', scope });
    return { scope: scopeDto(scope) };
  });
}
