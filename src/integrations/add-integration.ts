import { eq } from 'drizzle-orm';
import { psaIntegrations } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import type { PsaProvider } from '../psa/canonical.js';
import type { PsaHttpOptions } from '../psa/http/psa-http-client.js';
import { AppError } from '../shared/errors.js';
import { connectorFor, withPsa } from './integration-connector.js';
import { auditIntegration, checkCredentials, providerLabels, sealCredentials, type Actor, type IntegrationRow } from './integration-store.js';
import { applyLookups, type ScopeRefreshResult } from './refresh-scopes.js';
import { defaultSyncSettings } from './sync-settings.js';

export interface AddIntegrationOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  actor: Actor;
  provider: PsaProvider;
  name?: string;
  baseUrl: string;
  /** Exactly what the PSA (or its simulator) issues; stored only encrypted. */
  credentials: Record<string, string>;
  http?: PsaHttpOptions;
}

const alreadyExists = () =>
  new AppError('already_exists', 'This account already has a PSA integration. Edit it, or remove it before adding another.');

/**
 * Connects the account's PSA. The type and status lists are read first: an integration whose URL or credentials do
 * not work is not saved (the PSA's message says what to fix), and a saved one always has its scopes, all enabled.
 */
export async function addIntegration(options: AddIntegrationOptions): Promise<{ integration: IntegrationRow; scopes: ScopeRefreshResult }> {
  const { ctx, accountId, provider, baseUrl, credentials } = options;
  const db = ctx.database.db;
  checkCredentials(provider, credentials);
  if (await db.$count(psaIntegrations, eq(psaIntegrations.accountId, accountId))) throw alreadyExists();

  const connector = connectorFor(provider, { baseUrl, credentials, http: options.http });
  const lookups = await withPsa(async (signal) => {
    // The connection test first: its failure message is the one that says exactly what to fix.
    await connector.testConnection(signal);
    return connector.listLookups(signal);
  });

  return db.transaction(async (tx) => {
    const [integration] = await tx
      .insert(psaIntegrations)
      .values({
        accountId,
        provider,
        name: options.name?.trim() || providerLabels[provider],
        baseUrl,
        credentialsCiphertext: sealCredentials(ctx.secretBox, credentials),
        settings: defaultSyncSettings,
      })
      // One integration per account, also when two admins add at once.
      .onConflictDoNothing()
      .returning();
    if (!integration) throw alreadyExists();
    const scopes = await applyLookups({ db: tx, accountId, integrationId: integration.id, lookups, newScopeState: 'enabled' });
    await auditIntegration(tx, {
      accountId,
      actor: options.actor,
      action: 'integration.added',
      integrationId: integration.id,
      counts: { scopes: scopes.added.length },
      details: { provider, name: integration.name, baseUrl },
    });
    return { integration, scopes };
  });
}
