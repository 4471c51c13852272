import { Link } from 'react-router';
import { Badge } from '../../ui/Badge';
import { formatDateTime, formatRelative } from '../../ui/format';
import { ErrorState, LoadingState } from '../../ui/States';
import { useLatestRun } from '../hooks/use-runs';
import { formatDuration, runStatus, runStatusHelp, runTrigger } from '../labels';
import { integrationPaths } from '../paths';
import { orphanedInWords, RunCounts } from '../runs/RunCounts';

/** The newest run in one card: how it ended, when, and what it changed. */
export function LastRunCard({ integrationId }: { integrationId: string }) {
  const latest = useLatestRun(integrationId);
  const run = latest.data;
  return (
    <section className="card" aria-labelledby="last-run-title">
      <div className="card-header">
        <h2 className="card-title" id="last-run-title">
          Last sync
        </h2>
        {run && (
          <span className="card-header-links">
            <Link to={integrationPaths.run(run.id)} className="btn btn-ghost btn-sm">
              Details
            </Link>
            <Link to={integrationPaths.runs} className="btn btn-ghost btn-sm">
              Run history
            </Link>
          </span>
        )}
      </div>
      {latest.isPending ? (
        <LoadingState label="Loading the last run…" />
      ) : latest.isError ? (
        <ErrorState error={latest.error} onRetry={() => void latest.refetch()} />
      ) : !run ? (
        <div className="card-pad last-run-empty">
          <p>No sync has run yet.</p>
          <p className="muted">
            Check the <Link to={integrationPaths.settings}>sync settings</Link> and the <Link to={integrationPaths.matches}>match review</Link> first,
            then start with Sync now. Afterwards it runs on its schedule.
          </p>
        </div>
      ) : (
        <div className="card-pad last-run">
          <div className="last-run-head">
            <Badge tone={runStatus[run.status].tone}>{runStatus[run.status].label}</Badge>
            <time dateTime={run.finishedAt ?? run.createdAt} title={formatDateTime(run.finishedAt ?? run.createdAt)}>
              {run.finishedAt ? `Finished ${formatRelative(run.finishedAt)}` : `Started ${formatRelative(run.startedAt ?? run.createdAt)}`}
            </time>
            <span className="muted">
              {runTrigger[run.trigger]}
              {run.full ? ', full' : ''}
              {run.triggeredBy ? ` by ${run.triggeredBy}` : ''} · {formatDuration(run.durationMs)}
            </span>
          </div>
          <p className="muted">{runStatusHelp[run.status]}</p>
          {run.errorMessage && <p className="run-error">{run.errorMessage}</p>}
          <RunCounts counts={run.counts} />
          {orphanedInWords(run.counts.orphanedByReason) && <p className="muted">Orphaned: {orphanedInWords(run.counts.orphanedByReason)}.</p>}
        </div>
      )}
    </section>
  );
}
