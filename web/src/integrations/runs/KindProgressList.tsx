import { syncKinds, type KindProgress, type SyncRun } from '../../api/integrations';
import { phaseLabels, syncKindNames } from '../labels';

/** One progress bar per kind: processed of the estimate, or an indeterminate bar when there is no estimate yet. */
export function KindProgressList({ progress, live }: { progress: SyncRun['progress']; live: boolean }) {
  return (
    <ul className="kind-progress-list">
      {syncKinds.map((kind) => (
        <KindProgressRow key={kind} label={syncKindNames[kind].plural} progress={progress[kind]} live={live} />
      ))}
    </ul>
  );
}

function KindProgressRow({ label, progress, live }: { label: string; progress: KindProgress; live: boolean }) {
  const { phase, processed, listed, estimatedTotal } = progress;
  const active = live && (phase === 'listing' || phase === 'reconciling');
  const total = estimatedTotal !== null && estimatedTotal > 0 ? Math.max(estimatedTotal, processed) : null;
  const done = phase === 'done' || phase === 'skipped';
  const percent = done ? 100 : total ? Math.min(100, Math.round((processed / total) * 100)) : null;
  const indeterminate = active && percent === null;
  const amount = total ? `${processed.toLocaleString()} of ~${total.toLocaleString()}` : `${processed.toLocaleString()} processed`;
  return (
    <li className={`kind-progress phase-${phase}`}>
      <div className="kind-progress-head">
        <strong>{label}</strong>
        <span className="muted">{phaseLabels[phase]}</span>
        <span className="kind-progress-amount">
          {phase === 'skipped' ? 'not synced' : amount}
          {/* The listing runs ahead of processing; once they meet, one figure says it all. */}
          {listed > 0 && listed !== processed && phase !== 'skipped' && <span className="muted"> · {listed.toLocaleString()} listed</span>}
        </span>
      </div>
      <div
        className={`progress-bar${indeterminate ? ' is-indeterminate' : ''}${phase === 'skipped' ? ' is-skipped' : ''}`}
        role="progressbar"
        aria-label={`${label}: ${phaseLabels[phase]}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={indeterminate ? undefined : (percent ?? 0)}
        aria-valuetext={phase === 'skipped' ? 'Skipped' : indeterminate ? `${phaseLabels[phase]}, ${amount}` : `${percent ?? 0}%, ${amount}`}
      >
        <span style={indeterminate ? undefined : { width: `${percent ?? 0}%` }} />
      </div>
    </li>
  );
}
