import type { OrphanReason, RunCounts as Counts } from '../../api/integrations';
import { orphanReasonLabels } from '../labels';

const shown: { key: Exclude<keyof Counts, 'orphanedByReason'>; label: string; tone?: 'danger' | 'warning' }[] = [
  { key: 'created', label: 'Created' },
  { key: 'updated', label: 'Updated' },
  { key: 'unchanged', label: 'Unchanged' },
  { key: 'linked', label: 'Linked' },
  { key: 'orphaned', label: 'Orphaned', tone: 'warning' },
  { key: 'healed', label: 'Healed' },
  { key: 'errors', label: 'Errors', tone: 'danger' },
  { key: 'skipped', label: 'Skipped' },
  { key: 'ambiguous', label: 'Need review', tone: 'warning' },
];

/** The counts of a run as a row of figures; non-zero errors and orphans stand out. */
export function RunCounts({ counts, compact = false }: { counts: Counts; compact?: boolean }) {
  const items = compact ? shown.filter((item) => counts[item.key] > 0 || ['created', 'updated', 'unchanged'].includes(item.key)) : shown;
  return (
    <dl className={`run-counts${compact ? ' is-compact' : ''}`}>
      {items.map((item) => (
        <div key={item.key} className={`run-count${item.tone && counts[item.key] > 0 ? ` is-${item.tone}` : ''}`}>
          <dt>{item.label}</dt>
          <dd>{counts[item.key].toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "12 deleted in the PSA, 3 inactive in the PSA"; nothing when no record was orphaned. */
export function orphanedInWords(byReason: Record<OrphanReason, number>) {
  return (Object.keys(orphanReasonLabels) as OrphanReason[])
    .filter((reason) => byReason[reason] > 0)
    .map((reason) => `${byReason[reason].toLocaleString()} ${orphanReasonLabels[reason]}`)
    .join(', ');
}
