import { z } from 'zod';
import { AppError } from '../shared/errors.js';

/** `psa_integrations.settings`: what the sync engine reads for schedule, contacts, safety brake and overlap. */
export const syncSettingsSchema = z.strictObject({
  /** How often the scheduled sync runs. */
  scheduleMinutes: z.number().int().min(5).max(1440),
  /** Off: contacts are neither listed nor created; existing contact links are left to the sync engine's rules. */
  contactsEnabled: z.boolean(),
  /** A run that would orphan more than `maxShare` of a kind and at least `minCount` records is held. */
  brake: z.strictObject({
    maxShare: z.number().min(0).max(1),
    minCount: z.number().int().min(0).max(1_000_000),
  }),
  /** Incremental runs re-read this much before the last watermark, for PSA clocks and late commits. */
  overlapMinutes: z.number().int().min(0).max(1440),
});

export type SyncSettings = z.infer<typeof syncSettingsSchema>;

export const defaultSyncSettings: SyncSettings = Object.freeze({
  scheduleMinutes: 60,
  contactsEnabled: true,
  brake: Object.freeze({ maxShare: 0.1, minCount: 25 }),
  overlapMinutes: 10,
}) as SyncSettings;

/** A change to the settings as an API or CLI caller sends it: every field optional, the brake too. */
export const syncSettingsPatchSchema = syncSettingsSchema
  .extend({ brake: syncSettingsSchema.shape.brake.partial() })
  .partial();

export type SyncSettingsPatch = z.infer<typeof syncSettingsPatchSchema>;

/**
 * Stored settings with defaults filled in. Stored rows were validated on the way in; a field that is missing (older
 * row) or unreadable (edited by hand) falls back to its default instead of stopping every sync.
 */
export function parseSyncSettings(stored: unknown): SyncSettings {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const brake = (value.brake && typeof value.brake === 'object' ? value.brake : {}) as Record<string, unknown>;
  const field = <K extends keyof SyncSettings>(key: K, raw: unknown): SyncSettings[K] => {
    const parsed = syncSettingsSchema.shape[key].safeParse(raw);
    return parsed.success ? (parsed.data as SyncSettings[K]) : defaultSyncSettings[key];
  };
  const brakeField = <K extends keyof SyncSettings['brake']>(key: K): SyncSettings['brake'][K] => {
    const parsed = syncSettingsSchema.shape.brake.shape[key].safeParse(brake[key]);
    return parsed.success ? parsed.data : defaultSyncSettings.brake[key];
  };
  return {
    scheduleMinutes: field('scheduleMinutes', value.scheduleMinutes),
    contactsEnabled: field('contactsEnabled', value.contactsEnabled),
    brake: { maxShare: brakeField('maxShare'), minCount: brakeField('minCount') },
    overlapMinutes: field('overlapMinutes', value.overlapMinutes),
  };
}

/** Applies a validated patch to stored settings; the result is checked as a whole before it is saved. */
export function mergeSyncSettings(current: SyncSettings, patch: SyncSettingsPatch): SyncSettings {
  const { brake, ...rest } = definedOnly(patch);
  const merged = syncSettingsSchema.safeParse({ ...current, ...rest, brake: { ...current.brake, ...definedOnly(brake ?? {}) } });
  if (merged.success) return merged.data;
  const issues = merged.error.issues.map((issue) => ({ path: ['settings', ...issue.path].join('.'), message: issue.message }));
  throw new AppError('validation_failed', `The sync settings are not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, { issues });
}

/** Optional fields a caller left out may arrive as explicit undefined (CLI options); they mean "unchanged". */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
