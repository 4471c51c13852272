import { Link } from 'react-router';
import type { SyncRun } from '../../api/integrations';
import { Badge } from '../../ui/Badge';
import { formatRelative } from '../../ui/format';
import { errorMessage } from '../../ui/States';
import { useRunProgress } from '../hooks/use-run-progress';
import { useRunAction } from '../hooks/use-runs';
import { formatDuration, isLive, runStatus, runStatusHelp } from '../labels';
import { integrationPaths } from '../paths';
import { HeldRunActions } from './HeldRunActions';
import { KindProgressList } from './KindProgressList';
import { orphanedInWords, RunCounts } from './RunCounts';

/** The run being followed: live progress while it goes, then its result (and for a held run, the decision). */
export function RunProgressPanel({ run: initial, onDismiss }: { run: SyncRun; onDismiss?: (() => void) | undefined }) {
  const run = useRunProgress(initial);
  const cancel = useRunAction(run.integrationId);
  const live = isLive(run.status);
  const status = runStatus[run.status];
  const orphaned = orphanedInWords(run.counts.orphanedByReason);

  return (
    <section className={`card run-panel run-panel-${run.status}`} aria-labelledby="run-panel-title">
      <div className="card-header">
        <h2 className="card-title" id="run-panel-title">
          {live && <span className="spinner spinner-sm" aria-hidden="true" />}
          {title(run)}
          <Badge tone={status.tone}>{status.label}</Badge>
        </h2>
        <div className="run-panel-actions">
          <Link to={integrationPaths.run(run.id)} className="btn btn-ghost btn-sm">
            Details
          </Link>
          {live && (
            <button type="button" className="btn btn-secondary btn-sm" onClick={() => cancel.mutate({ runId: run.id, action: 'cancel' })} disabled={cancel.isPending}>
              {cancel.isPending ? 'Cancelling…' : 'Cancel sync'}
            </button>
          )}
          {!live && run.status !== 'held' && onDismiss && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      </div>
      <div className="card-pad run-panel-body">
        {/* Screen readers hear the phase changes and the result, not every tick of the counters. */}
        <p className="run-panel-summary" aria-live="polite">
          {live ? summaryWhileLive(run) : runStatusHelp[run.status]}
          {!live && run.durationMs !== null && <span className="muted"> Took {formatDuration(run.durationMs)}.</span>}
        </p>
        {cancel.isError && (
          <p className="field-error" role="alert">
            {errorMessage(cancel.error)}
          </p>
        )}
        {run.errorMessage && (
          <p className="run-error" role={live ? undefined : 'alert'}>
            {run.errorMessage}
            {run.errorCode && <code> {run.errorCode}</code>}
          </p>
        )}
        <KindProgressList progress={run.progress} live={live} />
        <RunCounts counts={run.counts} compact />
        {orphaned && <p className="muted run-orphaned">Orphaned: {orphaned}.</p>}
        {run.status === 'held' && <HeldRunActions run={run} />}
      </div>
    </section>
  );
}

function title(run: SyncRun) {
  const kind = run.full ? 'Full sync' : 'Sync';
  if (run.status === 'queued') return `${kind} queued`;
  if (run.status === 'running') return `${kind} running`;
  if (run.status === 'held') return `${kind} held by the safety brake`;
  if (run.status === 'partial') return `${kind} finished with errors`;
  return `${kind} ${run.status === 'succeeded' ? 'finished' : run.status}`;
}

function summaryWhileLive(run: SyncRun) {
  if (run.status === 'queued') return 'Waiting for a worker to pick it up…';
  const since = run.startedAt ? ` Started ${formatRelative(run.startedAt)}.` : '';
  return `Reading the PSA and applying changes page by page; you can leave this page, the sync goes on.${since}`;
}
