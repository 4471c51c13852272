import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { OrphanReason, SyncRunDetail } from '../../api/integrations';
import { Badge } from '../../ui/Badge';
import { formatDateTime } from '../../ui/format';
import { useDocumentTitle } from '../../ui/hooks';
import { ErrorState, LoadingState } from '../../ui/States';
import { useRunProgress } from '../hooks/use-run-progress';
import { useRunDetail } from '../hooks/use-runs';
import { useIntegrationContext } from '../integration-context';
import { formatDuration, isLive, orphanReasonLabels, runStatus, runStatusHelp, runTrigger } from '../labels';
import { integrationPaths } from '../paths';
import { HeldRunActions } from './HeldRunActions';
import { KindProgressList } from './KindProgressList';
import { RunCounts } from './RunCounts';
import { RunIssuesTable } from './RunIssuesTable';

/** One run in full: when and how it ran, every count, orphans by reason, per-kind progress and its issues. */
export function RunDetailPage() {
  const { integration } = useIntegrationContext();
  const { runId = '' } = useParams();
  useDocumentTitle(`Sync run · ${integration.name}`);
  const detail = useRunDetail(integration.id, runId);
  return (
    <div className="run-detail">
      <Link to={integrationPaths.runs} className="back-link">
        ← Run history
      </Link>
      {detail.isPending ? (
        <LoadingState label="Loading the run…" />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <RunDetail detail={detail.data} />
      )}
    </div>
  );
}

function RunDetail({ detail }: { detail: SyncRunDetail }) {
  // A run still going keeps updating here too; its issues arrive with the refetch when it ends.
  const run = useRunProgress(detail);
  const live = isLive(run.status);
  const status = runStatus[run.status];
  return (
    <>
      <section className="card" aria-labelledby="run-title">
        <div className="card-header">
          <h2 className="card-title" id="run-title">
            {run.full ? 'Full sync' : 'Sync'} of {formatDateTime(run.startedAt ?? run.createdAt)}
            <Badge tone={status.tone}>{status.label}</Badge>
          </h2>
        </div>
        <dl className="detail-grid">
          <Item term="Trigger">
            {runTrigger[run.trigger]}
            {run.triggeredBy ? ` by ${run.triggeredBy}` : ''}
          </Item>
          <Item term="Mode">{run.full ? 'Full: every record read again' : 'Incremental: what changed since the last success'}</Item>
          <Item term="Started">{run.startedAt ? formatDateTime(run.startedAt) : `Queued ${formatDateTime(run.createdAt)}`}</Item>
          <Item term="Finished">
            {run.finishedAt ? formatDateTime(run.finishedAt) : '—'}
            {run.durationMs !== null && <span className="muted"> · took {formatDuration(run.durationMs)}</span>}
          </Item>
        </dl>
        <div className="card-pad run-detail-status" aria-live="polite">
          <p>{runStatusHelp[run.status]}</p>
          {run.errorMessage && (
            <p className="run-error">
              {run.errorMessage}
              {run.errorCode && <code> {run.errorCode}</code>}
            </p>
          )}
          {run.status === 'held' && <HeldRunActions run={run} />}
        </div>
      </section>

      <div className="run-detail-grid">
        <section className="card" aria-labelledby="run-counts-title">
          <div className="card-header">
            <h3 className="card-title" id="run-counts-title">
              What changed
            </h3>
          </div>
          <div className="card-pad">
            <RunCounts counts={run.counts} />
            <h4 className="subheading">Orphaned by reason</h4>
            <ul className="reason-list">
              {(Object.keys(orphanReasonLabels) as OrphanReason[]).map((reason) => (
                <li key={reason}>
                  <span>{orphanReasonLabels[reason][0]!.toUpperCase() + orphanReasonLabels[reason].slice(1)}</span>
                  <strong className={run.counts.orphanedByReason[reason] > 0 ? undefined : 'muted'}>{run.counts.orphanedByReason[reason].toLocaleString()}</strong>
                </li>
              ))}
            </ul>
          </div>
        </section>
        <section className="card" aria-labelledby="run-progress-title">
          <div className="card-header">
            <h3 className="card-title" id="run-progress-title">
              Per kind
            </h3>
          </div>
          <div className="card-pad">
            <KindProgressList progress={run.progress} live={live} />
          </div>
        </section>
      </div>

      <RunIssuesTable issues={detail.issues} />
    </>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="detail">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
