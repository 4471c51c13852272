import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePermissions } from '../auth/session';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDateTime } from '../ui/format';
import { useDocumentTitle } from '../ui/hooks';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '../ui/States';
import { usePurgeBatch, useRestoreBatch, useTrashBatch } from './hooks';
import { JobProgress } from './JobProgress';
import { managePaths } from './paths';
import { ActionNotice, describeCounts, TypedConfirm, typedMatches, type ResultNotice } from './PreviewParts';
import { batchAction, batchStatus } from './TrashPage';

const tableLabels: Record<string, string> = {
  organizations: 'Organization',
  configurations: 'Configuration',
  contacts: 'Contact',
  passwords: 'Password',
  documents: 'Document',
  psa_links: 'PSA link',
};

/** One trash batch: what it holds, Restore, and Purge (typed PURGE). */
export function TrashBatchPage() {
  const { id = '' } = useParams();
  const { isAdmin } = usePermissions();
  const batch = useTrashBatch(id);
  const restore = useRestoreBatch();
  const purge = usePurgeBatch();
  const [purging, setPurging] = useState(false);
  const [typed, setTyped] = useState('');
  const [notice, setNotice] = useState<ResultNotice | null>(null);
  useDocumentTitle('Trash batch');
  if (!isAdmin) return <EmptyState title="The trash is for administrators" />;
  if (batch.isPending) return <LoadingState label="Loading the batch…" />;
  if (batch.isError) return <ErrorState error={batch.error} onRetry={() => void batch.refetch()} />;
  const data = batch.data;
  const open = !data.restoredAt && !data.purgedAt;
  return (
    <section aria-label="Trash batch" className="trash-page">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to={managePaths.trash}>Trash</Link>
          </li>
        </ol>
      </nav>
      <div className="batch-head">
        <div>
          <h2>Deleted {formatDateTime(data.createdAt)}</h2>
          <p className="muted">
            {describeCounts(data.counts)} · by {data.actorLabel}
            {data.reason && ` · ${data.reason}`}
          </p>
        </div>
        {batchStatus(data)}
        <div className="toolbar-spacer" />
        {open && (
          <>
            <button
              type="button"
              className="btn btn-primary"
              disabled={restore.isPending}
              onClick={() =>
                restore.mutate(data.id, {
                  onSuccess: (result) => setNotice({ tone: 'success', text: `Restored ${describeCounts(result.counts)}, links included.` }),
                  onError: (error) => setNotice({ tone: 'error', text: errorMessage(error) }),
                })
              }
            >
              {restore.isPending ? 'Restoring…' : 'Restore'}
            </button>
            <button type="button" className="btn btn-danger-quiet" onClick={() => setPurging(true)}>
              Purge now
            </button>
          </>
        )}
      </div>
      <JobProgress job={restore.job} />
      <ActionNotice notice={notice} onDismiss={() => setNotice(null)} />
      <dl className="batch-facts">
        <div>
          <dt>Action</dt>
          <dd>{batchAction(data)}</dd>
        </div>
        <div>
          <dt>{data.purgedAt ? 'Purged' : data.restoredAt ? 'Restored' : 'Purged automatically'}</dt>
          <dd>{formatDateTime(data.purgedAt ?? data.restoredAt ?? data.expiresAt)}</dd>
        </div>
        <div>
          <dt>Rows</dt>
          <dd>{data.itemCount.toLocaleString()}</dd>
        </div>
      </dl>
      <div className="table-wrap">
        <table className="data-table" aria-label="Rows in this batch">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={`${item.table}:${item.rowId}`}>
                <td className="nowrap muted">{tableLabels[item.table] ?? item.table}</td>
                <td>{item.displayName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.itemCount > data.items.length && <p className="muted small">The first {data.items.length.toLocaleString()} of {data.itemCount.toLocaleString()} rows.</p>}
      <ConfirmDialog
        open={purging}
        title="Purge this batch for good?"
        confirmLabel="Purge"
        busyLabel="Purging…"
        busy={purge.isPending}
        confirmDisabled={!typedMatches('PURGE', typed)}
        error={purge.isError ? errorMessage(purge.error) : undefined}
        onCancel={() => {
          setPurging(false);
          setTyped('');
          purge.reset();
        }}
        onConfirm={() =>
          purge.mutate(data.id, {
            onSuccess: () => {
              setPurging(false);
              setTyped('');
              setNotice({ tone: 'info', text: 'The batch was purged: its rows are gone for good.' });
            },
          })
        }
      >
        <p>{describeCounts(data.counts)} will be removed permanently. This cannot be undone.</p>
        <TypedConfirm expected="PURGE" value={typed} onChange={setTyped} />
      </ConfirmDialog>
    </section>
  );
}
