import { Link } from 'react-router';
import type { RunCounts, SyncRun } from '../../api/integrations';
import { Badge } from '../../ui/Badge';
import { DataTable, type Column } from '../../ui/DataTable';
import { formatDateTime, formatRelative } from '../../ui/format';
import { useDocumentTitle } from '../../ui/hooks';
import { EmptyState, ErrorState, LoadingState } from '../../ui/States';
import { useRunHistory } from '../hooks/use-runs';
import { useIntegrationContext } from '../integration-context';
import { formatDuration, runStatus, runTrigger } from '../labels';
import { integrationPaths } from '../paths';
import { LoadMoreFooter } from '../../ui/LoadMoreFooter';

const countColumns: { key: Exclude<keyof RunCounts, 'orphanedByReason' | 'ambiguous'>; header: string }[] = [
  { key: 'created', header: 'Created' },
  { key: 'updated', header: 'Updated' },
  { key: 'unchanged', header: 'Unchanged' },
  { key: 'linked', header: 'Linked' },
  { key: 'orphaned', header: 'Orphaned' },
  { key: 'healed', header: 'Healed' },
  { key: 'errors', header: 'Errors' },
  { key: 'skipped', header: 'Skipped' },
];

const columns: Column<SyncRun>[] = [
  {
    key: 'status',
    header: 'Status',
    cell: (run) => <Badge tone={runStatus[run.status].tone}>{runStatus[run.status].label}</Badge>,
  },
  {
    key: 'started',
    header: 'Started',
    cell: (run) => {
      const at = run.startedAt ?? run.createdAt;
      return (
        <span className="cell-stack">
          <Link to={integrationPaths.run(run.id)} className="row-link nowrap" title={formatDateTime(at)}>
            {formatRelative(at)}
          </Link>
          <span className="muted small nowrap">
            {runTrigger[run.trigger]}
            {run.full ? ', full' : ''} · {formatDuration(run.durationMs)}
          </span>
        </span>
      );
    },
  },
  ...countColumns.map(({ key, header }) => ({
    key,
    header,
    className: 'col-num',
    cell: (run: SyncRun) => <span className={run.counts[key] > 0 && (key === 'errors' || key === 'orphaned') ? `count-${key}` : run.counts[key] === 0 ? 'muted' : undefined}>{run.counts[key].toLocaleString()}</span>,
  })),
];

/** Every run of the integration, newest first; a click opens the run's drill-down. */
export function RunHistoryPage() {
  const { integration } = useIntegrationContext();
  useDocumentTitle(`Run history · ${integration.name}`);
  const history = useRunHistory(integration.id);

  if (history.isPending) return <LoadingState label="Loading the run history…" />;
  if (history.isError && history.items.length === 0) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.items.length === 0) {
    return <EmptyState title="No sync runs yet">Runs appear here once the first sync starts: on its schedule, with Sync now, or from the command line.</EmptyState>;
  }
  return (
    <section aria-label="Run history">
      <DataTable label="Sync runs" columns={columns} rows={history.items} rowKey={(run) => run.id} rowHref={(run) => integrationPaths.run(run.id)} busy={history.isFetching} />
      <LoadMoreFooter
        list={history}
        summary={history.hasNextPage ? `The newest ${history.items.length} runs` : `${history.items.length} ${history.items.length === 1 ? 'run' : 'runs'}`}
      />
    </section>
  );
}
