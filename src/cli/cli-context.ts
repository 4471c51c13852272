import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../config/config.js';
import { accounts, psaIntegrations } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import type { IntegrationRow } from '../integrations/integration-store.js';
import { openContext } from '../server/open-context.js';
import { AppError } from '../shared/errors.js';

/** Commands address accounts by name, as an MSP's scripts know them. */
export async function findAccount(ctx: AppContext, name: string) {
  const [account] = await ctx.database.db
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(eq(sql`lower(${accounts.name})`, name.trim().toLowerCase()));
  if (!account) throw new AppError('not_found', `No account is named "${name}". Create it with \`psalink user create --account …\`.`);
  return account;
}

export async function findAccountIntegration(ctx: AppContext, account: { id: string; name: string }): Promise<IntegrationRow> {
  const [row] = await ctx.database.db.select().from(psaIntegrations).where(eq(psaIntegrations.accountId, account.id));
  if (!row) throw new AppError('not_found', `Account "${account.name}" has no PSA integration yet. Add one with \`psalink integration add\`.`);
  return row;
}

export async function withContext(work: (ctx: AppContext) => Promise<void>) {
  const ctx = await openContext(loadConfig());
  try {
    await work(ctx);
  } finally {
    await ctx.close();
  }
}
