import { and, eq } from 'drizzle-orm';
import { psaIntegrations } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { notFound } from '../shared/errors.js';
import { auditIntegration, type Actor, type IntegrationRow } from './integration-store.js';

export interface SetIntegrationStatusOptions {
  ctx: Pick<AppContext, 'database'>;
  accountId: string;
  integrationId: string;
  actor: Actor;
}

/** Shared by pause and resume: both are idempotent (pausing a paused integration changes nothing). */
export async function setIntegrationStatus(options: SetIntegrationStatusOptions, status: IntegrationRow['status']): Promise<IntegrationRow> {
  const { ctx, accountId, integrationId } = options;
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(psaIntegrations)
      .where(and(eq(psaIntegrations.id, integrationId), eq(psaIntegrations.accountId, accountId)))
      .for('update');
    if (!row) throw notFound('The integration');
    if (row.status === status) return row;
    const [updated] = await tx
      .update(psaIntegrations)
      .set({ status, updatedAt: new Date() })
      .where(and(eq(psaIntegrations.id, integrationId), eq(psaIntegrations.accountId, accountId)))
      .returning();
    await auditIntegration(tx, { accountId, actor: options.actor, action: status === 'paused' ? 'integration.paused' : 'integration.resumed', integrationId });
    return updated!;
  });
}
