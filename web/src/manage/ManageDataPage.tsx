import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ScopeState } from '../api/integrations';
import type { DeletionPreview, DisconnectedRow, ManageSummary, OrphanedRow, OrphanReason, SyncedScopeRow, SyncKind } from '../api/manage';
import { MenuButton } from '../integrations/components/MenuButton';
import { useIntegrationContext } from '../integrations/integration-context';
import { orphanReasonLabels, syncKindNames } from '../integrations/labels';
import { Badge } from '../ui/Badge';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDateTime, formatRelative } from '../ui/format';
import { useDocumentTitle } from '../ui/hooks';
import { CheckIcon } from '../ui/icons';
import { ErrorState, errorMessage, LoadingState } from '../ui/States';
import { DeletePreviewDialog } from './DeletePreviewDialog';
import { DisconnectDialog } from './DisconnectDialog';
import { useManageSummary, useOrphanDelete, useReconnectType, useScopeResume, type OrphanTarget } from './hooks';
import { managePaths } from './paths';
import { ActionNotice, describeCounts, type ResultNotice } from './PreviewParts';
import { linkStateOrder, SyncLegend, SyncStateIcon, syncStates } from './SyncStateIcon';

const scopeStateBadge: Record<ScopeState, { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }> = {
  enabled: { label: 'Syncing', tone: 'success' },
  paused: { label: 'Paused', tone: 'warning' },
  disconnected: { label: 'Disconnected', tone: 'danger' },
  excluded: { label: 'Not synced', tone: 'neutral' },
};
const reasons: OrphanReason[] = ['deleted_in_psa', 'inactive_in_psa', 'excluded_by_settings', 'parent_not_synced'];
const reasonHeaders: Record<OrphanReason, string> = {
  deleted_in_psa: 'Deleted in PSA',
  inactive_in_psa: 'Inactive in PSA',
  excluded_by_settings: 'No longer synced',
  parent_not_synced: 'Organization not synced',
};
const n = (value: number) => (value === 0 ? <span className="zero">0</span> : value.toLocaleString());
const typeLabel = (row: { typeName: string | null; typeExternalId: string | null }) => row.typeName ?? (row.typeExternalId ? `Type ${row.typeExternalId}` : 'No type');

/** Account → Integrations → Manage Data: Synced Items, Orphaned Data and Disconnected Data, each with its actions. */
export function ManageDataPage() {
  const { integration } = useIntegrationContext();
  useDocumentTitle(`Manage Data · ${integration.name}`);
  const summary = useManageSummary();
  const [notice, setNotice] = useState<ResultNotice | null>(null);
  if (summary.isPending) return <LoadingState label="Counting synced, orphaned and disconnected data…" />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  return (
    <div className="manage-data">
      <div className="manage-intro">
        <p className="muted tab-intro">
          All PSA-related data in one place: what syncs, what the PSA no longer has, and what you stopped syncing. Every delete goes to the{' '}
          <Link to={managePaths.trash}>trash</Link> first, and every action is in the <Link to={managePaths.audit}>audit log</Link>.
        </p>
        <SyncLegend />
      </div>
      <ActionNotice notice={notice} onDismiss={() => setNotice(null)} />
      <SyncedSection summary={summary.data} onNotice={setNotice} />
      <OrphanedSection rows={summary.data.orphaned} onNotice={setNotice} />
      <DisconnectedSection rows={summary.data.disconnected} onNotice={setNotice} />
    </div>
  );
}

type NoticeProps = { onNotice: (notice: ResultNotice) => void };

function SectionHeader({ title, text, total }: { title: string; text: string; total: number }) {
  return (
    <div className="card-header manage-section-header">
      <div>
        <h2 className="card-title">
          {title} <span className="count-pill">{total.toLocaleString()}</span>
        </h2>
        <p className="muted small">{text}</p>
      </div>
    </div>
  );
}

function SyncedSection({ summary, onNotice }: { summary: ManageSummary } & NoticeProps) {
  const navigate = useNavigate();
  const resume = useScopeResume();
  const [disconnecting, setDisconnecting] = useState<{ kind: SyncKind; scope: SyncedScopeRow } | null>(null);
  const total = summary.synced.reduce((sum, group) => sum + group.counts.total, 0);
  const onResume = (kind: SyncKind, scope: SyncedScopeRow, action: 'resume' | 'reconnect') =>
    resume.mutate(
      { scopeId: scope.scopeId, action },
      {
        onSuccess: () =>
          onNotice({
            tone: 'success',
            text:
              action === 'resume'
                ? `${syncKindNames[kind].plural} · ${scope.name}: syncing again, links kept.`
                : `${syncKindNames[kind].plural} · ${scope.name}: reconnected. The next sync matches the records again and creates no duplicates.`,
          }),
        onError: (error) => onNotice({ tone: 'error', text: errorMessage(error) }),
      },
    );
  return (
    <section className="card manage-section" aria-label="Synced Items">
      <SectionHeader title="Synced Items" total={total} text="Organizations, configurations and contacts linked to the PSA, one row per PSA type or status that syncs." />
      <div className="table-wrap">
        <table className="data-table manage-table">
          <thead>
            <tr>
              <th scope="col">Type or status</th>
              <th scope="col">Sync</th>
              {linkStateOrder.map((state) => (
                <th key={state} scope="col" className="col-num" title={syncStates[state].help}>
                  <span className="th-icon">
                    <SyncStateIcon state={state} />
                    {syncStates[state].label}
                  </span>
                </th>
              ))}
              <th scope="col" className="col-num">
                Total
              </th>
              <th scope="col" className="col-action">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          {summary.synced.map((group) => {
            const shown = group.scopes.filter((scope) => scope.state !== 'excluded' || scope.counts.total > 0);
            const hidden = group.scopes.length - shown.length;
            return (
              <tbody key={group.kind}>
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={2}>
                    {syncKindNames[group.kind].plural}
                    {hidden > 0 && <span className="muted small"> · {hidden} not synced, hidden</span>}
                  </th>
                  {linkStateOrder.map((state) => (
                    <td key={state} className="col-num">
                      {n(group.counts[state])}
                    </td>
                  ))}
                  <td className="col-num">
                    <strong>{group.counts.total.toLocaleString()}</strong>
                  </td>
                  <td className="col-action">
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => navigate(managePaths.records({ kind: group.kind }))}>
                      View all
                    </button>
                  </td>
                </tr>
                {shown.map((scope) => {
                  const badge = scopeStateBadge[scope.state];
                  const label = `${syncKindNames[group.kind].plural} · ${scope.name}`;
                  return (
                    <tr key={scope.scopeId}>
                      <th scope="row" className="scope-name">
                        {scope.name} <span className="dimension">{scope.dimension}</span>
                      </th>
                      <td>
                        <Badge tone={badge.tone}>{badge.label}</Badge>
                      </td>
                      {linkStateOrder.map((state) => (
                        <td key={state} className="col-num">
                          {n(scope.counts[state])}
                        </td>
                      ))}
                      <td className="col-num">
                        <strong>{scope.counts.total.toLocaleString()}</strong>
                      </td>
                      <td className="col-action">
                        <MenuButton
                          label={`Actions for ${label}`}
                          className="btn btn-secondary btn-sm"
                          items={[
                            { label: 'View', detail: 'List the records of this row', onSelect: () => navigate(managePaths.records({ kind: group.kind, scopeId: scope.scopeId })) },
                            ...(scope.state === 'enabled' || scope.state === 'excluded'
                              ? [{ label: 'Disconnect', detail: 'Pause, unlink or delete', onSelect: () => setDisconnecting({ kind: group.kind, scope }), disabled: scope.counts.total === 0 && scope.state === 'excluded' }]
                              : []),
                            ...(scope.state === 'paused'
                              ? [
                                  { label: 'Resume syncing', detail: 'Links were kept', onSelect: () => onResume(group.kind, scope, 'resume'), disabled: resume.isPending },
                                  { label: 'Disconnect', detail: 'Unlink or delete', onSelect: () => setDisconnecting({ kind: group.kind, scope }) },
                                ]
                              : []),
                            ...(scope.state === 'disconnected'
                              ? [{ label: 'Reconnect', detail: 'Sync again; the next run re-matches', onSelect: () => onResume(group.kind, scope, 'reconnect'), disabled: resume.isPending }]
                              : []),
                          ]}
                        >
                          Actions
                        </MenuButton>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            );
          })}
        </table>
      </div>
      {disconnecting && (
        <DisconnectDialog
          key={disconnecting.scope.scopeId}
          kind={disconnecting.kind}
          scope={disconnecting.scope}
          onClose={() => setDisconnecting(null)}
          onDone={(result) => {
            const label = `${syncKindNames[disconnecting.kind].plural} · ${result.scope.name}`;
            setDisconnecting(null);
            onNotice({
              tone: 'success',
              batchId: result.batchId,
              text:
                result.mode === 'pause'
                  ? `${label}: syncing paused, ${result.changed.toLocaleString()} links kept.`
                  : result.mode === 'unlink'
                    ? `${label}: ${result.changed.toLocaleString()} records disconnected from the PSA and kept.`
                    : `${label}: ${result.changed.toLocaleString()} records and their child records moved to the trash.`,
            });
          }}
        />
      )}
    </section>
  );
}

function OrphanedSection({ rows, onNotice }: { rows: OrphanedRow[] } & NoticeProps) {
  const navigate = useNavigate();
  const { preview, execute } = useOrphanDelete();
  const [target, setTarget] = useState<(OrphanTarget & { label: string; confirmWord: string }) | null>(null);
  const total = rows.reduce((sum, row) => sum + row.counts.total, 0);
  const close = () => {
    setTarget(null);
    preview.reset();
    execute.reset();
  };
  const open = (row: OrphanedRow) => {
    const label = `${syncKindNames[row.kind].plural} · ${typeLabel(row)}`;
    setTarget({ kind: row.kind, typeExternalId: row.typeExternalId, label, confirmWord: row.typeName ?? 'DELETE' });
    preview.mutate({ kind: row.kind, typeExternalId: row.typeExternalId }, { onError: (error) => onNotice({ tone: 'error', text: errorMessage(error) }) });
  };
  return (
    <section className="card manage-section" aria-label="Orphaned Data">
      <SectionHeader title="Orphaned Data" total={total} text="Records deleted from the PSA or no longer meeting the sync settings. They stay here until you delete them." />
      {rows.length === 0 ? (
        <p className="section-empty">
          <CheckIcon /> No orphaned data.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table manage-table">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">PSA type</th>
                {reasons.map((reason) => (
                  <th key={reason} scope="col" className="col-num reason-col" title={capitalize(orphanReasonLabels[reason])}>
                    {reasonHeaders[reason]}
                  </th>
                ))}
                <th scope="col" className="col-num">
                  Total
                </th>
                <th scope="col">Oldest</th>
                <th scope="col" className="col-action">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const label = `${syncKindNames[row.kind].plural} · ${typeLabel(row)}`;
                return (
                  <tr key={`${row.kind}:${row.typeExternalId ?? ''}`}>
                    <td>{syncKindNames[row.kind].plural}</td>
                    <th scope="row" className="scope-name">
                      <SyncStateIcon state="orphaned" /> {typeLabel(row)}
                    </th>
                    {reasons.map((reason) => (
                      <td key={reason} className="col-num">
                        {n(row.counts[reason])}
                      </td>
                    ))}
                    <td className="col-num">
                      <strong>{row.counts.total.toLocaleString()}</strong>
                    </td>
                    <td className="nowrap">{row.oldestOrphanedAt ? <span title={formatDateTime(row.oldestOrphanedAt)}>{formatRelative(row.oldestOrphanedAt)}</span> : '—'}</td>
                    <td className="col-action">
                      <MenuButton
                        label={`Actions for orphaned ${label}`}
                        className="btn btn-secondary btn-sm"
                        items={[
                          { label: 'View', detail: 'List, edit or delete them', onSelect: () => navigate(managePaths.records({ kind: row.kind, state: 'orphaned', scopeId: row.scopeId ?? undefined })) },
                          { label: 'Delete All', detail: 'Every orphan of this type, after a preview', onSelect: () => open(row) },
                        ]}
                      >
                        Actions
                      </MenuButton>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {target && preview.data && (
        <DeletePreviewDialog
          title={`Delete all orphaned ${target.label}?`}
          preview={preview.data as DeletionPreview}
          confirmWord={target.confirmWord}
          busy={execute.isPending}
          error={execute.isError ? errorMessage(execute.error) : undefined}
          onCancel={close}
          onConfirm={() =>
            execute.mutate(
              { kind: target.kind, typeExternalId: target.typeExternalId, confirmationToken: preview.data!.confirmationToken },
              {
                onSuccess: (result) => {
                  onNotice({ tone: 'success', batchId: result.batchId, text: `Orphaned ${target.label}: moved ${describeCounts(result.counts)} to the trash.` });
                  close();
                },
                onError: (error) => {
                  if ((error as { code?: string }).code === 'preview_stale') preview.mutate({ kind: target.kind, typeExternalId: target.typeExternalId });
                },
              },
            )
          }
        />
      )}
    </section>
  );
}

function DisconnectedSection({ rows, onNotice }: { rows: DisconnectedRow[] } & NoticeProps) {
  const navigate = useNavigate();
  const reconnect = useReconnectType();
  const [target, setTarget] = useState<DisconnectedRow | null>(null);
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const label = (row: DisconnectedRow) => `${syncKindNames[row.kind].plural} · ${typeLabel(row)}`;
  return (
    <section className="card manage-section" aria-label="Disconnected Data">
      <SectionHeader title="Disconnected Data" total={total} text="Records whose sync was disabled one by one (PSA controls → Disable Sync). Reconnect any that should sync again." />
      {rows.length === 0 ? (
        <p className="section-empty">
          <CheckIcon /> No record has its sync disabled.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="data-table manage-table">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">PSA type</th>
                <th scope="col" className="col-num">
                  Records
                </th>
                <th scope="col" className="col-action">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.kind}:${row.typeExternalId ?? ''}`}>
                  <td>{syncKindNames[row.kind].plural}</td>
                  <th scope="row" className="scope-name">
                    <SyncStateIcon state="disabled" /> {typeLabel(row)}
                  </th>
                  <td className="col-num">
                    <strong>{row.count.toLocaleString()}</strong>
                  </td>
                  <td className="col-action">
                    <MenuButton
                      label={`Actions for disconnected ${label(row)}`}
                      className="btn btn-secondary btn-sm"
                      items={[
                        { label: 'View', detail: 'List them, reconnect some', onSelect: () => navigate(managePaths.records({ kind: row.kind, state: 'disabled', scopeId: row.scopeId ?? undefined })) },
                        { label: 'Reconnect', detail: 'Every disconnected record of this type', onSelect: () => setTarget(row) },
                      ]}
                    >
                      Actions
                    </MenuButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={Boolean(target)}
        title={target ? `Reconnect ${target.count.toLocaleString()} ${label(target)}?` : ''}
        confirmLabel="Reconnect"
        confirmTone="primary"
        busyLabel="Reconnecting…"
        busy={reconnect.isPending}
        error={reconnect.isError ? errorMessage(reconnect.error) : undefined}
        onCancel={() => {
          setTarget(null);
          reconnect.reset();
        }}
        onConfirm={() =>
          target &&
          reconnect.mutate(
            { kind: target.kind, typeExternalId: target.typeExternalId },
            {
              onSuccess: (result) => {
                onNotice({ tone: 'success', text: `${label(target)}: ${result.changed.toLocaleString()} records reconnected. The next sync refreshes them from the PSA.` });
                setTarget(null);
              },
            },
          )
        }
      >
        <p>Their sync is enabled again and the next sync overwrites them with the PSA's data (the PSA always wins).</p>
      </ConfirmDialog>
    </section>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
