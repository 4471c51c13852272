import { and, eq } from 'drizzle-orm';
import type { Caller } from '../accounts/caller.js';
import type { Db } from '../db/database.js';
import { psaIntegrations } from '../db/schema/index.js';
import { recordAudit, type Actor, type AuditEvent } from '../audit/record-audit.js';
import type { PsaProvider } from '../psa/canonical.js';
import { AppError, notFound } from '../shared/errors.js';
import type { SecretBox } from '../shared/secret-box.js';
import { requiredCredentials } from '../connectors/create-connector.js';

export type IntegrationRow = typeof psaIntegrations.$inferSelect;

export const providerLabels: Record<PsaProvider, string> = {
  connectwise: 'ConnectWise PSA',
  autotask: 'Autotask',
  halo: 'HaloPSA',
};

/** The caller's integration, or 404: another account's id is indistinguishable from an unknown one. */
export async function findIntegration(db: Db, accountId: string, id: string): Promise<IntegrationRow> {
  const [row] = await db
    .select()
    .from(psaIntegrations)
    .where(and(eq(psaIntegrations.id, id), eq(psaIntegrations.accountId, accountId)))
    .limit(1);
  if (!row) throw notFound('The integration');
  return row;
}

/** A missing or empty credential is the caller's to fix: name every missing key at once. */
export function checkCredentials(provider: PsaProvider, credentials: Record<string, string>) {
  const missing = requiredCredentials[provider].filter((key) => !credentials[key]?.trim());
  if (missing.length > 0) {
    throw new AppError('validation_failed', `The ${providerLabels[provider]} credentials are missing ${missing.join(', ')}.`, { missing });
  }
}

export const sealCredentials = (secretBox: SecretBox, credentials: Record<string, string>) => secretBox.encrypt(JSON.stringify(credentials));

export function openCredentials(secretBox: SecretBox, row: Pick<IntegrationRow, 'credentialsCiphertext'>): Record<string, string> {
  try {
    return JSON.parse(secretBox.decrypt(row.credentialsCiphertext)) as Record<string, string>;
  } catch {
    // A different PSALINK_SECRET_KEY than the one that saved them: say so rather than fail obscurely.
    throw new AppError('validation_failed', 'The stored PSA credentials cannot be read with this secret key. Enter the credentials again.');
  }
}

export type { Actor } from '../audit/record-audit.js';

export const actorOf = (caller: Caller): Actor =>
  caller.via === 'api_key'
    ? { type: 'api_key', id: caller.apiKeyId ?? caller.userId, label: caller.email }
    : { type: 'user', id: caller.userId, label: caller.email };

export const cliActor: Actor = { type: 'system', id: null, label: 'cli' };

/** An audit event about the integration itself. */
export const auditIntegration = (db: Db, event: Omit<AuditEvent, 'targetType' | 'targetId'> & { integrationId: string }) => {
  const { integrationId, ...rest } = event;
  return recordAudit(db, { ...rest, targetType: 'psa_integration', targetId: integrationId });
};
