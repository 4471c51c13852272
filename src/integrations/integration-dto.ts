import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { syncScopes } from '../db/schema/index.js';
import type { AppContext } from '../http/context.js';
import { isoDateTime } from '../http/schemas.js';
import { recordKinds, type RecordKind } from '../psa/canonical.js';
import { openCredentials, type IntegrationRow } from './integration-store.js';
import type { ScopeDimension } from './scope-lists.js';
import { parseSyncSettings, syncSettingsSchema } from './sync-settings.js';

export const providerSchema = z.enum(['connectwise', 'autotask', 'halo']);
export const scopeStateSchema = z.enum(['enabled', 'excluded', 'paused', 'disconnected']);

export const scopeDto = z.object({ id: z.uuid(), externalId: z.string(), name: z.string(), state: scopeStateSchema }).describe('SyncScope');
const byDimension = z.object({ type: z.array(scopeDto), status: z.array(scopeDto) });
export const groupedScopesDto = z.object({ organization: byDimension, configuration: byDimension, contact: byDimension }).describe('SyncScopesByKind');

export const integrationDto = z
  .object({
    id: z.uuid(),
    provider: providerSchema,
    name: z.string(),
    baseUrl: z.string(),
    status: z.enum(['active', 'paused']),
    settings: syncSettingsSchema,
    credentialKeys: z.array(z.string()).describe('Which credentials are stored (names only: the values are never returned)'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    scopes: groupedScopesDto,
  })
  .describe('Integration');

export type ScopeDto = z.infer<typeof scopeDto>;
export type GroupedScopes = z.infer<typeof groupedScopesDto>;

/** The integration's scopes by kind and dimension, each list by name, as the settings page shows them. */
export async function listGroupedScopes(db: Db, accountId: string, integrationId: string): Promise<GroupedScopes> {
  const rows = await db
    .select({ id: syncScopes.id, kind: syncScopes.kind, dimension: syncScopes.dimension, externalId: syncScopes.externalId, name: syncScopes.name, state: syncScopes.state })
    .from(syncScopes)
    .where(and(eq(syncScopes.accountId, accountId), eq(syncScopes.integrationId, integrationId)));
  const grouped = Object.fromEntries(recordKinds.map((kind) => [kind, { type: [] as ScopeDto[], status: [] as ScopeDto[] }])) as Record<RecordKind, Record<ScopeDimension, ScopeDto[]>>;
  rows.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base', numeric: true }) || a.externalId.localeCompare(b.externalId));
  for (const { kind, dimension, ...scope } of rows) grouped[kind][dimension].push(scope);
  return grouped;
}

/** Never the credentials themselves: only which keys are stored, so the page can show "saved" placeholders. */
export async function toIntegrationDto(ctx: Pick<AppContext, 'database' | 'secretBox'>, row: IntegrationRow): Promise<z.infer<typeof integrationDto>> {
  let credentialKeys: string[] = [];
  try {
    credentialKeys = Object.keys(openCredentials(ctx.secretBox, row)).sort();
  } catch {
    // Unreadable with this key: the page shows no saved credentials and asks for them again.
  }
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    baseUrl: row.baseUrl,
    status: row.status,
    settings: parseSyncSettings(row.settings),
    credentialKeys,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    scopes: await listGroupedScopes(ctx.database.db, row.accountId, row.id),
  };
}
