import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { defaultSyncSettings, mergeSyncSettings, parseSyncSettings, syncSettingsPatchSchema } from './sync-settings.js';

describe('sync settings', () => {
  it('fills every default for empty or missing stored settings', () => {
    const expected = { scheduleMinutes: 60, contactsEnabled: true, brake: { maxShare: 0.1, minCount: 25 }, overlapMinutes: 10 };
    expect(parseSyncSettings({})).toEqual(expected);
    expect(parseSyncSettings(null)).toEqual(expected);
    expect(defaultSyncSettings).toEqual(expected);
  });

  it('keeps valid stored fields and replaces only unreadable ones by their default', () => {
    expect(parseSyncSettings({ scheduleMinutes: 15, contactsEnabled: false, brake: { maxShare: 0.5, minCount: 'x' }, overlapMinutes: -1 })).toEqual({
      scheduleMinutes: 15,
      contactsEnabled: false,
      brake: { maxShare: 0.5, minCount: 25 },
      overlapMinutes: 10,
    });
    expect(parseSyncSettings({ scheduleMinutes: 4 }).scheduleMinutes).toBe(60);
    expect(parseSyncSettings({ scheduleMinutes: 1441 }).scheduleMinutes).toBe(60);
  });

  it('merges a partial change, the brake field by field, and ignores fields left undefined', () => {
    const merged = mergeSyncSettings(defaultSyncSettings, { scheduleMinutes: 5, brake: { minCount: 100 }, contactsEnabled: undefined });
    expect(merged).toEqual({ scheduleMinutes: 5, contactsEnabled: true, brake: { maxShare: 0.1, minCount: 100 }, overlapMinutes: 10 });
  });

  it('refuses out-of-range values with a message naming the field', () => {
    for (const patch of [{ scheduleMinutes: 4 }, { scheduleMinutes: 1441 }, { scheduleMinutes: 7.5 }, { brake: { maxShare: 1.5 } }, { overlapMinutes: -1 }]) {
      expect(() => mergeSyncSettings(defaultSyncSettings, patch), JSON.stringify(patch)).toThrow(AppError);
    }
    expect(() => mergeSyncSettings(defaultSyncSettings, { scheduleMinutes: 2 })).toThrow(/settings\.scheduleMinutes/);
    expect(syncSettingsPatchSchema.safeParse({ schedule: 5 }).success).toBe(false);
    expect(syncSettingsPatchSchema.safeParse({ brake: { maxShare: 0.2 } }).success).toBe(true);
  });
});
