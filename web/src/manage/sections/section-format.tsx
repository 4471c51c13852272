import type { ScopeState } from '../../api/integrations';
import type { OrphanReason } from '../../api/manage';
import type { ResultNotice } from '../PreviewParts';

/** What each section reports back to the page, which shows one notice above all three. */
export type NoticeProps = { onNotice: (notice: ResultNotice) => void };

export const scopeStateBadge: Record<ScopeState, { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }> = {
  enabled: { label: 'Syncing', tone: 'success' },
  paused: { label: 'Paused', tone: 'warning' },
  disconnected: { label: 'Disconnected', tone: 'danger' },
  excluded: { label: 'Not synced', tone: 'neutral' },
};
export const reasons: OrphanReason[] = ['deleted_in_psa', 'inactive_in_psa', 'excluded_by_settings', 'parent_not_synced'];
export const reasonHeaders: Record<OrphanReason, string> = {
  deleted_in_psa: 'Deleted in PSA',
  inactive_in_psa: 'Inactive in PSA',
  excluded_by_settings: 'No longer synced',
  parent_not_synced: 'Organization not synced',
};
// Zeros are dimmed so the counts that matter stand out in a wide table.
export const n = (value: number) => (value === 0 ? <span className="zero">0</span> : value.toLocaleString());
export const typeLabel = (row: { typeName: string | null; typeExternalId: string | null }) => row.typeName ?? (row.typeExternalId ? `Type ${row.typeExternalId}` : 'No type');
export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
