import { timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { psaIntegrations, psaLinks, syncRuns, syncScopes } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { recordKinds } from '../psa/canonical.js';
import { AppError, notFound } from '../shared/errors.js';
import { auditIntegration, type Actor } from './integration-store.js';
import { countLinks, isSyncRunning, removalToken, type LinkCounts } from './preview-remove-integration.js';

export interface RemoveIntegrationOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  integrationId: string;
  actor: Actor;
  /** From the removal preview; refused when what it counted has changed since. */
  confirmationToken: string;
}

export interface RemovalResult {
  links: LinkCounts;
  scopes: number;
  runs: number;
}

/**
 * Disconnects the PSA: deletes the integration's links, scopes and run history. Records are never deleted; every
 * linked record simply becomes a local record. Bound to its preview, so nobody removes more than they saw.
 */
export async function removeIntegration(options: RemoveIntegrationOptions): Promise<RemovalResult> {
  const { ctx, accountId, integrationId } = options;
  return ctx.database.db.transaction(async (tx) => {
    // Locks the integration: a concurrent removal or settings change waits for this one.
    const [integration] = await tx
      .select({ id: psaIntegrations.id, provider: psaIntegrations.provider, name: psaIntegrations.name })
      .from(psaIntegrations)
      .where(and(eq(psaIntegrations.id, integrationId), eq(psaIntegrations.accountId, accountId)))
      .for('update');
    if (!integration) throw notFound('The integration');
    if (await isSyncRunning(tx, accountId, integrationId)) {
      throw new AppError('conflict', 'A sync of this integration is running. Wait for it to finish (or cancel it), then remove the integration.');
    }
    const links = await countLinks(tx, accountId, integrationId);
    if (!sameToken(options.confirmationToken, removalToken(ctx.secretBox, integrationId, links))) {
      throw new AppError('preview_stale', 'The linked data changed since the removal preview. Review the new preview and confirm again.', {
        links,
      });
    }
    const own = <T extends typeof psaLinks | typeof syncScopes | typeof syncRuns>(table: T) =>
      and(eq(table.accountId, accountId), eq(table.integrationId, integrationId));
    await tx.delete(psaLinks).where(own(psaLinks));
    const scopes = (await tx.delete(syncScopes).where(own(syncScopes)).returning({ id: syncScopes.id })).length;
    const runs = (await tx.delete(syncRuns).where(own(syncRuns)).returning({ id: syncRuns.id })).length;
    await tx.delete(psaIntegrations).where(and(eq(psaIntegrations.id, integrationId), eq(psaIntegrations.accountId, accountId)));
    const counts = { ...Object.fromEntries(recordKinds.map((kind) => [`${kind}Links`, links[kind].total])), scopes, runs };
    await auditIntegration(tx, {
      accountId,
      actor: options.actor,
      action: 'integration.removed',
      integrationId,
      counts,
      details: { provider: integration.provider, name: integration.name, links },
    });
    return { links, scopes, runs };
  });
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
