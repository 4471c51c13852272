import type { ManageJob } from '../api/manage';

/** A large action's progress inside its dialog or page: the step it is at, as a bar. */
export function JobProgress({ job }: { job: ManageJob | null }) {
  if (!job) return null;
  const progress = job.progress;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : null;
  const step = job.status === 'queued' ? 'Waiting for a worker…' : progress ? `${progress.step}…` : 'Starting…';
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <div className="job-progress-head">
        <strong>{step}</strong>
        {percent !== null && job.status === 'running' && <span className="muted small">{percent}%</span>}
      </div>
      <div
        className={`progress-bar${percent === null ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label="Progress of the action"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
      >
        <span style={percent === null ? undefined : { width: `${Math.max(percent, 3)}%` }} />
      </div>
      <p className="muted small">
        A large action runs in the background, all or nothing: if it fails, nothing is changed. It keeps running if you leave this page; its
        result appears in the trash and the audit log.
      </p>
    </div>
  );
}
