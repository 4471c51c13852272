import { Link } from 'react-router';
import type { TrashBatch } from '../api/manage';
import { usePermissions } from '../auth/session';
import { Badge } from '../ui/Badge';
import { formatDateTime, formatRelative } from '../ui/format';
import { useDocumentTitle } from '../ui/hooks';
import { CheckIcon, TrashIcon } from '../ui/icons';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { useTrash } from './hooks';
import { managePaths } from './paths';
import { describeCounts } from './PreviewParts';
import { RetentionPanel } from './RetentionPanel';
import { LoadMoreFooter } from '../ui/LoadMoreFooter';

/** What kind of delete made a batch, in the words of the screen that did it. */
const batchActions: Record<string, string> = {
  'records.deleted': 'Records deleted',
  'orphans.deleted': 'Delete All orphaned',
  'scope.deleted': 'Scope disconnected and deleted',
};
export const batchAction = (batch: TrashBatch) => batchActions[batch.action] ?? batch.action;

export function batchStatus(batch: TrashBatch) {
  if (batch.purgedAt) return <Badge tone="neutral">Purged</Badge>;
  if (batch.restoredAt) return <Badge tone="success">Restored</Badge>;
  return <Badge tone="warning">In trash</Badge>;
}

/** Account → Trash: every delete as one restorable batch, newest first. */
export function TrashPage() {
  useDocumentTitle('Trash');
  const { isAdmin } = usePermissions();
  const list = useTrash();
  if (!isAdmin) return <EmptyState title="The trash is for administrators">Ask an administrator of your account to restore deleted data.</EmptyState>;
  let body;
  if (list.isPending) body = <LoadingState label="Loading the trash…" />;
  else if (list.isError) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) {
    body = (
      <EmptyState icon={<CheckIcon width={28} height={28} />} title="The trash is empty">
        Deleted records land here with everything that belonged to them, and can be restored exactly as they were.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <div className="table-wrap">
          <table className="data-table" aria-label="Trash batches">
            <thead>
              <tr>
                <th scope="col">Deleted</th>
                <th scope="col">What</th>
                <th scope="col">By</th>
                <th scope="col">Why</th>
                <th scope="col">Status</th>
                <th scope="col">Purged</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((batch) => (
                <tr key={batch.id}>
                  <td className="nowrap">
                    <Link to={managePaths.batch(batch.id)} className="row-link" title={formatDateTime(batch.createdAt)}>
                      {formatDateTime(batch.createdAt)}
                    </Link>
                  </td>
                  <td>{describeCounts(batch.counts)}</td>
                  <td>{batch.actorLabel}</td>
                  <td className="muted clamp-2">{batch.reason || batchAction(batch)}</td>
                  <td>{batchStatus(batch)}</td>
                  <td className="nowrap muted" title={formatDateTime(batch.purgedAt ?? batch.expiresAt)}>
                    {batch.purgedAt ? formatRelative(batch.purgedAt) : batch.restoredAt ? '—' : formatRelative(batch.expiresAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {list.hasNextPage && <LoadMoreFooter list={list} />}
      </>
    );
  }
  return (
    <section aria-label="Trash" className="trash-page">
      <div className="settings-heading">
        <h2>
          <TrashIcon /> Trash
        </h2>
        <p className="muted">
          Every delete is one batch: who, when, why and what. Restore puts everything back as it was, PSA links included.
        </p>
      </div>
      <RetentionPanel />
      {body}
    </section>
  );
}
