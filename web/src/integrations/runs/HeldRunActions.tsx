import { useState } from 'react';
import { syncKinds, type SyncRun } from '../../api/integrations';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { errorMessage } from '../../ui/States';
import { useRunAction } from '../hooks/use-runs';
import { countOf, formatPercent } from '../labels';

/** What a held run would orphan, and the admin's two ways out: apply exactly that, or throw it away. */
export function HeldRunActions({ run, onSettled }: { run: SyncRun; onSettled?: (run: SyncRun) => void }) {
  const [asking, setAsking] = useState<'confirm' | 'discard' | null>(null);
  const action = useRunAction(run.integrationId);
  if (!run.held) return null;
  const { orphans, threshold } = run.held;
  const parts = syncKinds.filter((kind) => orphans[kind] > 0).map((kind) => countOf(orphans[kind], kind));
  const what = parts.length > 0 ? parts.join(', ') : 'no records';

  return (
    <div className="held-run">
      <p>
        This run would orphan <strong>{what}</strong>. The safety brake holds a run that would orphan more than {formatPercent(threshold.maxShare)} of
        a kind and at least {threshold.minCount.toLocaleString()} records, in case the PSA or the settings changed by mistake.
      </p>
      <div className="held-run-actions">
        <button type="button" className="btn btn-primary" onClick={() => setAsking('confirm')}>
          Confirm and apply
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setAsking('discard')}>
          Discard
        </button>
      </div>
      <ConfirmDialog
        open={asking !== null}
        title={asking === 'confirm' ? 'Apply the held changes?' : 'Discard the held changes?'}
        confirmLabel={asking === 'confirm' ? `Orphan ${what}` : 'Discard'}
        confirmTone={asking === 'confirm' ? 'danger' : 'primary'}
        busy={action.isPending}
        busyLabel={asking === 'confirm' ? 'Applying…' : 'Discarding…'}
        error={action.isError ? errorMessage(action.error) : undefined}
        onCancel={() => {
          setAsking(null);
          action.reset();
        }}
        onConfirm={() =>
          asking &&
          action.mutate(
            { runId: run.id, action: asking },
            {
              onSuccess: (settled) => {
                setAsking(null);
                onSettled?.(settled);
              },
            },
          )
        }
      >
        {asking === 'confirm' ? (
          <>
            <p>
              <strong>{what}</strong> will become orphaned. They stay in psalink with their passwords and documents, marked as orphaned, and the sync
              stops updating them.
            </p>
            <p className="muted">You can review and clean them up under Manage Data.</p>
          </>
        ) : (
          <>
            <p>Nothing is orphaned and the run ends as cancelled. The next run checks again and may be held again if nothing changed.</p>
            <p className="muted">Fix the cause first: a PSA filter, an inactive type, or the sync settings.</p>
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}
