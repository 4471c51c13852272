import { and, eq } from 'drizzle-orm';
import { psaIntegrations } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { notFound } from '../shared/errors.js';
import { auditIntegration, checkCredentials, findIntegration, sealCredentials, type Actor, type IntegrationRow } from './integration-store.js';
import { mergeSyncSettings, parseSyncSettings, type SyncSettingsPatch } from './sync-settings.js';

export interface UpdateIntegrationOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  integrationId: string;
  actor: Actor;
  name?: string;
  baseUrl?: string;
  /** Replaces every stored credential; a key left out is gone. */
  credentials?: Record<string, string>;
  /** Only the given settings change; the result is validated as a whole. */
  settings?: SyncSettingsPatch;
}

export async function updateIntegration(options: UpdateIntegrationOptions): Promise<IntegrationRow> {
  const { ctx, accountId, integrationId } = options;
  return ctx.database.db.transaction(async (tx) => {
    const current = await findIntegration(tx, accountId, integrationId);
    const changes: Partial<IntegrationRow> = {};
    if (options.name !== undefined) changes.name = options.name;
    if (options.baseUrl !== undefined) changes.baseUrl = options.baseUrl;
    if (options.credentials !== undefined) {
      checkCredentials(current.provider, options.credentials);
      changes.credentialsCiphertext = sealCredentials(ctx.secretBox, options.credentials);
    }
    if (options.settings !== undefined) changes.settings = mergeSyncSettings(parseSyncSettings(current.settings), options.settings);
    if (Object.keys(changes).length === 0) return current;

    const [updated] = await tx
      .update(psaIntegrations)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(psaIntegrations.id, integrationId), eq(psaIntegrations.accountId, accountId)))
      .returning();
    if (!updated) throw notFound('The integration');
    await auditIntegration(tx, {
      accountId,
      actor: options.actor,
      action: 'integration.updated',
      integrationId,
      // Which fields changed, never their values when they are credentials.
      details: {
        changed: Object.keys(changes).map((key) => (key === 'credentialsCiphertext' ? 'credentials' : key)),
        ...(changes.settings ? { settings: changes.settings } : {}),
      },
    });
    return updated;
  });
}
