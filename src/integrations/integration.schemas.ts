import { z } from 'zod';
import { errorBody, errorResponses, name } from '../http/schemas.js';
import { recordKinds } from '../psa/canonical.js';
import { linkStates } from '../sync/domain/link-states.js';
import { groupedScopesDto, providerSchema, scopeStateSchema } from './integration-dto.js';
import { syncSettingsPatchSchema } from './sync-settings.js';

/** The contract of the integration routes (and so of the OpenAPI document). */
export const idParams = z.strictObject({ id: z.uuid() });
export const psaErrorResponses = { ...errorResponses, 502: errorBody } as const;

const baseUrl = z.url({ protocol: /^https?$/, error: 'Enter the PSA URL, starting with https:// (or http://).' }).max(2000);
const credentials = z
  .record(z.string().min(1).max(100), z.string().max(4096))
  .refine((value) => Object.keys(value).length <= 20, 'At most 20 credential fields.')
  .describe('The credentials object exactly as the PSA (or `psalink sim`) issues it; stored encrypted, never returned');

export const addBody = z.strictObject({ provider: providerSchema, name: name(200).optional(), baseUrl, credentials });
export const updateBody = z.strictObject({ name: name(200).optional(), baseUrl: baseUrl.optional(), credentials: credentials.optional(), settings: syncSettingsPatchSchema.optional() });
export const testBody = z.strictObject({ provider: providerSchema, baseUrl, credentials });

export const testResult = z
  .object({
    ok: z.boolean(),
    errorClass: z.enum(['auth', 'permission', 'not_found', 'rate_limited', 'transient', 'bad_response', 'config']).optional(),
    message: z.string().describe('What was reached, or what to fix'),
  })
  .describe('ConnectionTest');

const scopeChange = z.object({
  id: z.uuid(),
  kind: z.enum(recordKinds as [string, ...string[]]),
  dimension: z.enum(['type', 'status']),
  externalId: z.string(),
  name: z.string(),
  state: scopeStateSchema,
});
export const refreshResult = z
  .object({ added: z.array(scopeChange), renamed: z.array(scopeChange), listed: z.number().int(), scopes: groupedScopesDto })
  .describe('ScopeRefresh');

export const setScopesBody = z.strictObject({
  scopes: z.array(z.strictObject({ id: z.uuid(), state: z.enum(['enabled', 'excluded']) })).max(10_000),
});
export const setScopesResult = z
  .object({
    changed: z.array(scopeChange.extend({ previousState: scopeStateSchema })).describe('The scopes whose state changed'),
    scopes: groupedScopesDto,
  })
  .describe('ScopeUpdate');

const stateCounts = z.object({ ...Object.fromEntries(linkStates.map((s) => [s, z.number().int()])), total: z.number().int() } as Record<(typeof linkStates)[number] | 'total', z.ZodNumber>);
const linkCounts = z.object({ organization: stateCounts, configuration: stateCounts, contact: stateCounts });
export const removalPreview = z
  .object({
    integrationId: z.uuid(),
    links: linkCounts,
    totalLinks: z.number().int(),
    scopes: z.number().int(),
    runs: z.number().int(),
    syncRunning: z.boolean(),
    effects: z.array(z.string()),
    confirmationToken: z.string(),
  })
  .describe('IntegrationRemovalPreview');
export const removeBody = z.strictObject({ confirmationToken: z.string().min(1).max(200) });
export const removalResult = z.object({ removed: z.object({ links: linkCounts, scopes: z.number().int(), runs: z.number().int() }) }).describe('IntegrationRemoval');

export const settingsPreviewBody = z.strictObject({
  scopes: setScopesBody.shape.scopes.optional().describe('Proposed states of PSA types and statuses, as PUT /scopes would take them'),
  contactsEnabled: z.boolean().optional().describe('Proposed contacts switch; unchanged when left out'),
});
const previewCounts = z
  .object({
    create: z.number().int().describe('PSA records entering the scope with no local match: created'),
    link: z.number().int().describe('PSA records entering the scope with exactly one local match (or an admin decision): linked'),
    orphan: z.number().int().describe('Synced records whose type or status is no longer synced (or contacts switched off): orphaned as excluded_by_settings'),
    heal: z.number().int().describe('Orphaned records returning to syncing'),
    ambiguous: z.number().int().describe('PSA records entering the scope with several local matches: they wait in match review'),
    parentNotSynced: z.number().int().describe('Configurations and contacts orphaned as parent_not_synced because their organization leaves the sync'),
  })
  .describe('SettingsPreviewCounts');
export const settingsPreview = z
  .object({
    byKind: z.object({ organization: previewCounts, configuration: previewCounts, contact: previewCounts }),
    total: previewCounts,
  })
  .describe('SettingsPreview: what the next sync run does once these settings are saved; nothing is changed by asking');
