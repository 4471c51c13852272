import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { LinkState, ManagedRecord, OrphanReason, RecordSort, RecordsFilter, SyncKind } from '../api/manage';
import { syncKinds } from '../api/integrations';
import { orphanReasonLabels, syncKindNames } from '../integrations/labels';
import { useIntegrationContext } from '../integrations/integration-context';
import { paths } from '../records/kinds';
import { formatDateTime, formatRelative } from '../ui/format';
import { useDocumentTitle, useUrlParam } from '../ui/hooks';
import { ChevronDownIcon, ChevronUpIcon, EditIcon, TrashIcon } from '../ui/icons';
import { SearchBox } from '../ui/SearchBox';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '../ui/States';
import { DeletePreviewDialog } from './DeletePreviewDialog';
import { useManagedRecords, useManageSummary, useRecordsDelete, useSetRecordSync } from './hooks';
import { managePaths, recordsCsvHref } from './paths';
import { ActionNotice, describeCounts, type ResultNotice } from './PreviewParts';
import { linkStateOrder, SyncLegend, SyncStateIcon, syncStates } from './SyncStateIcon';
import { LoadMoreFooter } from '../ui/LoadMoreFooter';

const reasons = Object.keys(orphanReasonLabels) as OrphanReason[];
const isKind = (value: string): value is SyncKind => (syncKinds as string[]).includes(value);
const canDelete = (record: ManagedRecord) => record.state !== 'syncing' && record.state !== 'error';

/** The records of one row of Manage Data (or any filter of them): search, sort, select, act, export. */
export function ManagedRecordsPage() {
  const { integration } = useIntegrationContext();
  const [kindParam, setKind] = useUrlParam('kind', 'organization');
  const [scopeId, setScope] = useUrlParam('scopeId');
  const [state, setState] = useUrlParam('state');
  const [reason, setReason] = useUrlParam('reason');
  const [q, setQ] = useUrlParam('q');
  const [sortParam, setSort] = useUrlParam('sort', 'name');
  const kind: SyncKind = isKind(kindParam) ? kindParam : 'organization';
  const descending = sortParam.startsWith('-');
  const sortKey = (descending ? sortParam.slice(1) : sortParam) as RecordSort;
  const filter: RecordsFilter = useMemo(
    () => ({
      kind,
      scopeId: scopeId || undefined,
      state: (state || undefined) as LinkState | undefined,
      reason: (reason || undefined) as OrphanReason | undefined,
      q: q || undefined,
      sort: sortKey,
      order: descending ? 'desc' : 'asc',
    }),
    [kind, scopeId, state, reason, q, sortKey, descending],
  );
  const list = useManagedRecords(filter);
  const summary = useManageSummary();
  const setSync = useSetRecordSync();
  const { preview, execute } = useRecordsDelete();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<ResultNotice | null>(null);
  const scopes = summary.data?.synced.find((group) => group.kind === kind)?.scopes ?? [];
  const scope = scopes.find((s) => s.scopeId === scopeId);
  const title = `${syncKindNames[kind].plural}${scope ? ` · ${scope.name}` : ''}${state ? ` · ${syncStates[state as LinkState]?.label ?? state}` : ''}`;
  useDocumentTitle(`${title} · Manage Data · ${integration.name}`);

  const items = list.items;
  const chosen = items.filter((item) => selected.has(item.id));
  const allChosen = items.length > 0 && chosen.length === items.length;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const resetSelection = () => setSelected(new Set());
  const changeFilter = (set: (value: string) => void) => (value: string) => {
    resetSelection();
    set(value);
  };

  const runSync = (action: 'disable' | 'enable', records: ManagedRecord[]) =>
    setSync.mutate(
      { kind, ids: records.map((r) => r.id), action },
      {
        onSuccess: (result) => {
          resetSelection();
          setNotice({
            tone: 'success',
            text:
              action === 'disable'
                ? `Sync disabled on ${result.changed.toLocaleString()} ${result.changed === 1 ? 'record' : 'records'}: they are under Disconnected Data now.`
                : `Sync enabled on ${result.changed.toLocaleString()} ${result.changed === 1 ? 'record' : 'records'}: the next sync refreshes them from the PSA.`,
          });
        },
        onError: (error) => setNotice({ tone: 'error', text: errorMessage(error) }),
      },
    );
  const startDelete = (records: ManagedRecord[]) =>
    preview.mutate({ kind, ids: records.map((r) => r.id) }, { onError: (error) => setNotice({ tone: 'error', text: errorMessage(error) }) });
  const closeDelete = () => {
    preview.reset();
    execute.reset();
  };

  const sortHeader = (key: RecordSort, label: string, descFirst = false) => {
    const active = sortKey === key;
    const next = active ? (descending ? key : `-${key}`) : descFirst ? `-${key}` : key;
    return (
      <th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
        <button type="button" className={`sort-button${active ? ' is-sorted' : ''}`} onClick={() => changeFilter(setSort)(next)}>
          {label}
          {active && descending ? <ChevronDownIcon /> : active ? <ChevronUpIcon /> : <ChevronDownIcon className="sort-idle" />}
        </button>
      </th>
    );
  };

  let body;
  if (list.isPending) body = <LoadingState label="Loading records…" />;
  else if (list.isError && items.length === 0) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (items.length === 0) body = <EmptyState title="No records here">{q ? `Nothing matches “${q}”.` : 'No linked record matches these filters.'}</EmptyState>;
  else {
    body = (
      <>
        <div className="table-wrap">
          <table className="data-table managed-records" aria-label={title} aria-busy={list.isFetching || undefined}>
            <thead>
              <tr>
                <th scope="col" className="col-check">
                  <input type="checkbox" aria-label="Select all shown" checked={allChosen} onChange={() => setSelected(allChosen ? new Set() : new Set(items.map((i) => i.id)))} />
                </th>
                {sortHeader('name', 'Name')}
                <th scope="col">PSA type · status</th>
                <th scope="col">PSA id</th>
                <th scope="col">Sync</th>
                {sortHeader('orphanedAt', 'Orphaned', true)}
                {sortHeader('lastSyncedAt', 'Last synced', true)}
                <th scope="col" className="col-action">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((record) => (
                <tr key={record.id} className={selected.has(record.id) ? 'is-selected' : undefined}>
                  <td className="col-check">
                    <input type="checkbox" aria-label={`Select ${record.name}`} checked={selected.has(record.id)} onChange={() => toggle(record.id)} />
                  </td>
                  <td>
                    <span className="cell-stack record-cell">
                      <span className="record-name">
                        <SyncStateIcon state={record.state} record={record} />
                        <Link to={paths.view(syncKindNames[kind].path, record.id)} className="row-link clamp-2" title={record.name}>
                          {record.name}
                        </Link>
                      </span>
                      {record.organization && <span className="muted small">{record.organization.name}</span>}
                    </span>
                  </td>
                  <td className="muted">{[record.psaType, record.psaStatus].filter(Boolean).join(' · ') || '—'}</td>
                  <td className="mono">{record.externalId}</td>
                  <td>
                    <span className="cell-stack">
                      <span className={`state-text state-${record.state}`}>{syncStates[record.state].label}</span>
                      {record.orphanReasonText && <span className="muted small">{record.orphanReasonText}</span>}
                      {record.lastError && (
                        <span className="muted small clamp-2" title={record.lastError.message}>
                          {record.lastError.message}
                        </span>
                      )}
                    </span>
                  </td>
                  <td className="nowrap">{record.orphanedAt ? <span title={formatDateTime(record.orphanedAt)}>{formatRelative(record.orphanedAt)}</span> : <span className="muted">—</span>}</td>
                  <td className="nowrap">{record.lastSyncedAt ? <span title={formatDateTime(record.lastSyncedAt)}>{formatRelative(record.lastSyncedAt)}</span> : <span className="muted">—</span>}</td>
                  <td className="col-action nowrap">
                    <Link className="icon-button" to={paths.edit(syncKindNames[kind].path, record.id)} title="Edit" aria-label={`Edit ${record.name}`}>
                      <EditIcon />
                    </Link>
                    <button
                      type="button"
                      className="icon-button icon-danger"
                      disabled={!canDelete(record) || preview.isPending}
                      title={canDelete(record) ? 'Delete (to the trash)' : 'Syncing with the PSA: disable its sync before deleting it'}
                      aria-label={`Delete ${record.name}`}
                      onClick={() => startDelete([record])}
                    >
                      <TrashIcon />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMoreFooter list={list} summary={list.hasNextPage ? `The first ${items.length.toLocaleString()}` : `${items.length.toLocaleString()} ${items.length === 1 ? 'record' : 'records'}`} />
      </>
    );
  }

  return (
    <section className="managed-list" aria-label="Managed records">
      <div className="list-head">
        <div>
          <Link to={managePaths.root} className="back-link">
            ← Manage Data
          </Link>
          <h2>{title}</h2>
        </div>
        <div className="toolbar-spacer" />
        <SyncLegend />
        <a className="btn btn-secondary" href={recordsCsvHref(filter)} download>
          Export CSV
        </a>
      </div>
      <div className="toolbar">
        <SearchBox label="Search by name or PSA id" value={q} onSearch={changeFilter(setQ)} placeholder="Search name or PSA id" />
        <label className="filter">
          <span className="visually-hidden">Kind</span>
          <select value={kind} onChange={(e) => { resetSelection(); setScope(''); setKind(e.target.value); }}>
            {syncKinds.map((k) => (
              <option key={k} value={k}>
                {syncKindNames[k].plural}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span className="visually-hidden">Type or status</span>
          <select value={scopeId} className={scopeId ? 'is-active' : undefined} onChange={(e) => changeFilter(setScope)(e.target.value)}>
            <option value="">Every type and status</option>
            {scopes.map((s) => (
              <option key={s.scopeId} value={s.scopeId}>
                {s.name} ({s.dimension})
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span className="visually-hidden">Sync state</span>
          <select value={state} className={state ? 'is-active' : undefined} onChange={(e) => changeFilter(setState)(e.target.value)}>
            <option value="">Every sync state</option>
            {linkStateOrder.map((s) => (
              <option key={s} value={s}>
                {syncStates[s].label}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span className="visually-hidden">Orphan reason</span>
          <select value={reason} className={reason ? 'is-active' : undefined} onChange={(e) => changeFilter(setReason)(e.target.value)}>
            <option value="">Any orphan reason</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {orphanReasonLabels[r]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={`bulk-bar${chosen.length > 0 ? ' is-active' : ''}`} aria-label="Selected records" role="region">
        <strong>{chosen.length > 0 ? `${chosen.length} selected` : 'Select records to act on several at once'}</strong>
        <div className="toolbar-spacer" />
        <button type="button" className="btn btn-secondary btn-sm" disabled={chosen.length === 0 || setSync.isPending} onClick={() => runSync('disable', chosen)}>
          Disable sync
        </button>
        <button type="button" className="btn btn-secondary btn-sm" disabled={chosen.length === 0 || setSync.isPending} onClick={() => runSync('enable', chosen)}>
          Enable sync
        </button>
        <button type="button" className="btn btn-danger-quiet btn-sm" disabled={chosen.length === 0 || preview.isPending} onClick={() => startDelete(chosen)}>
          <TrashIcon />
          {preview.isPending ? 'Checking…' : 'Delete selected'}
        </button>
      </div>
      <ActionNotice notice={notice} onDismiss={() => setNotice(null)} />
      {body}
      {preview.data && (
        <DeletePreviewDialog
          title={`Delete ${preview.data.ids.length === 1 ? '1 record' : `${preview.data.ids.length} records`} and what belongs to them?`}
          preview={preview.data}
          busy={execute.isPending}
          error={execute.isError ? errorMessage(execute.error) : undefined}
          onCancel={closeDelete}
          onConfirm={() =>
            execute.mutate(
              { kind, ids: preview.data!.ids, confirmationToken: preview.data!.confirmationToken },
              {
                onSuccess: (result) => {
                  setNotice({ tone: 'success', batchId: result.batchId, text: `Moved ${describeCounts(result.counts)} to the trash.` });
                  resetSelection();
                  closeDelete();
                },
                onError: (error) => {
                  if ((error as { code?: string }).code === 'preview_stale') preview.mutate({ kind, ids: preview.data!.ids });
                },
              },
            )
          }
        />
      )}
    </section>
  );
}
