import { useState } from 'react';
import type { RunIssue } from '../../api/integrations';
import { Badge } from '../../ui/Badge';
import { DataTable, type Column } from '../../ui/DataTable';
import { orphanReasonLabels, syncKindNames } from '../labels';

type Outcome = RunIssue['outcome'];

const outcomes: Record<Outcome, { label: string; tone: 'danger' | 'warning' | 'neutral' }> = {
  error: { label: 'Error', tone: 'danger' },
  ambiguous: { label: 'Needs review', tone: 'warning' },
  orphaned: { label: 'Orphaned', tone: 'neutral' },
};

const columns: Column<RunIssue & { key: string }>[] = [
  { key: 'outcome', header: 'Outcome', cell: (i) => <Badge tone={outcomes[i.outcome].tone}>{outcomes[i.outcome].label}</Badge> },
  { key: 'kind', header: 'Kind', cell: (i) => <span className="nowrap">{syncKindNames[i.kind].noun}</span> },
  { key: 'name', header: 'PSA record', cell: (i) => <strong className="clamp-2" title={i.name}>{i.name || '—'}</strong> },
  { key: 'externalId', header: 'PSA id', cell: (i) => <span className="mono">{i.externalId}</span> },
  { key: 'message', header: 'What happened', cell: (i) => <span className="issue-message">{i.reason ? `${capitalize(orphanReasonLabels[i.reason])}. ` : ''}{i.message}</span> },
];

/** The run's issues (the first 200), filterable by outcome. */
export function RunIssuesTable({ issues }: { issues: RunIssue[] }) {
  const [filter, setFilter] = useState<Outcome | 'all'>('all');
  const rows = issues.filter((i) => filter === 'all' || i.outcome === filter).map((i, index) => ({ ...i, key: `${i.kind}:${i.externalId}:${i.outcome}:${index}` }));
  const counts = (outcome: Outcome) => issues.filter((i) => i.outcome === outcome).length;
  return (
    <section className="card run-issues" aria-labelledby="run-issues-title">
      <div className="card-header">
        <h3 className="card-title" id="run-issues-title">
          Issues
          <span className="muted">{issues.length >= 200 ? 'the first 200' : issues.length}</span>
        </h3>
        {issues.length > 0 && (
          <div className="segmented" role="group" aria-label="Show issues">
            {(['all', 'error', 'ambiguous', 'orphaned'] as const).map((value) => (
              <button key={value} type="button" aria-pressed={filter === value} onClick={() => setFilter(value)}>
                {value === 'all' ? `All ${issues.length}` : `${outcomes[value].label} ${counts(value)}`}
              </button>
            ))}
          </div>
        )}
      </div>
      {issues.length === 0 ? (
        <p className="card-pad muted">No issues: no record failed, waited for review or was orphaned.</p>
      ) : rows.length === 0 ? (
        <p className="card-pad muted">None of this kind in this run.</p>
      ) : (
        <div className="flush-table">
          <DataTable label="Run issues" columns={columns} rows={rows} rowKey={(row) => row.key} />
        </div>
      )}
    </section>
  );
}

const capitalize = (text: string) => text[0]!.toUpperCase() + text.slice(1);
