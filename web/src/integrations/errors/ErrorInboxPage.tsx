import { useState } from 'react';
import { Link } from 'react-router';
import type { SyncErrorItem, SyncErrorRetry } from '../../api/integrations';
import { paths } from '../../records/kinds';
import { DataTable, type Column } from '../../ui/DataTable';
import { useDocumentTitle } from '../../ui/hooks';
import { CheckIcon } from '../../ui/icons';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '../../ui/States';
import { UpdatedCell } from '../../ui/UpdatedCell';
import { useRetrySyncError, useSyncErrors } from '../hooks/use-sync-errors';
import { syncKindNames } from '../labels';
import { LoadMoreFooter } from '../../ui/LoadMoreFooter';

type Result = { tone: 'success' | 'warning' | 'error'; text: string };

const outcomeWords: Record<SyncErrorRetry['outcome'], { tone: Result['tone']; label: string }> = {
  fixed: { tone: 'success', label: 'Fixed' },
  still_failing: { tone: 'warning', label: 'Still failing' },
  gone: { tone: 'success', label: 'Gone from the PSA' },
};

/** Every record the sync could not apply, account-wide, with a Retry that refetches that one record now. */
export function ErrorInboxPage() {
  useDocumentTitle('Error inbox · Integrations');
  const list = useSyncErrors();
  const retry = useRetrySyncError();
  const [results, setResults] = useState<Record<string, Result>>({});
  const [latest, setLatest] = useState<Result | null>(null);
  const retrying = retry.isPending ? retry.variables?.id : undefined;

  const onRetry = (item: SyncErrorItem) =>
    retry.mutate(item, {
      onSuccess: (answer) => {
        const words = outcomeWords[answer.outcome];
        const result = { tone: words.tone, text: `${words.label}: ${answer.message}` };
        setResults((current) => ({ ...current, [item.id]: result }));
        setLatest({ tone: result.tone, text: `${shortName(item.recordName)}: ${result.text}` });
      },
      onError: (error) => {
        setResults((current) => ({ ...current, [item.id]: { tone: 'error', text: errorMessage(error) } }));
        setLatest({ tone: 'error', text: `${shortName(item.recordName)}: ${errorMessage(error)}` });
      },
    });

  const columns: Column<SyncErrorItem>[] = [
    {
      key: 'record',
      header: 'Record',
      cell: (item) => (
        <span className="cell-stack">
          {/* PSA names can be absurdly long (often the very error): two lines, the rest in the tooltip. */}
          {item.recordId ? (
            <Link to={paths.view(syncKindNames[item.kind].path, item.recordId)} className="row-link clamp-2" title={item.recordName}>
              {item.recordName}
            </Link>
          ) : (
            <strong className="clamp-2" title={item.recordName}>
              {item.recordName}
            </strong>
          )}
          {!item.recordId && <span className="muted small">Not created in psalink yet</span>}
        </span>
      ),
    },
    { key: 'kind', header: 'Kind', cell: (item) => <span className="nowrap">{syncKindNames[item.kind].noun}</span> },
    { key: 'psa', header: 'PSA id', cell: (item) => <span className="mono">{item.externalId}</span> },
    {
      key: 'message',
      header: 'Problem',
      cell: (item) => (
        <span className="cell-stack error-message-cell">
          <span>{item.message}</span>
          <code className="muted small">{item.code}</code>
          {results[item.id] && <span className={`retry-result retry-${results[item.id]!.tone}`}>{results[item.id]!.text}</span>}
        </span>
      ),
    },
    { key: 'at', header: 'When', className: 'col-date', cell: (item) => <UpdatedCell iso={item.at} /> },
    {
      key: 'retry',
      header: 'Retry',
      className: 'col-action',
      cell: (item) => (
        <button type="button" className="btn btn-secondary btn-sm" onClick={() => onRetry(item)} disabled={retry.isPending} aria-label={`Retry ${item.recordName}`}>
          {retrying === item.id ? 'Retrying…' : 'Retry'}
        </button>
      ),
    },
  ];

  let body;
  if (list.isPending) body = <LoadingState label="Loading sync errors…" />;
  else if (list.isError && list.items.length === 0) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (list.items.length === 0) {
    body = (
      <EmptyState icon={<CheckIcon width={28} height={28} />} title="No sync errors">
        Every PSA record in scope was applied. Records the sync cannot apply show up here with the reason, and are retried on every run.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <DataTable label="Sync errors" columns={columns} rows={list.items} rowKey={(item) => item.id} busy={list.isFetching} />
        <LoadMoreFooter list={list} summary={list.hasNextPage ? `The newest ${list.items.length}` : `${list.items.length} ${list.items.length === 1 ? 'error' : 'errors'}`} />
      </>
    );
  }
  return (
    <section aria-label="Error inbox">
      <p className="muted tab-intro">Records the sync could not apply, across the account. Fix the cause in the PSA (or here), then retry; every run retries them too.</p>
      {/* A fixed record leaves the list, so its result is also shown here, where it stays. */}
      <div role="status" aria-live="polite">
        {latest && <p className={`notice notice-${latest.tone === 'warning' ? 'info' : latest.tone}`}>{latest.text}</p>}
      </div>
      {body}
    </section>
  );
}

/** A name fit for one line of a notice. */
const shortName = (name: string) => (name.length > 60 ? `${name.slice(0, 57).trimEnd()}…` : name);
