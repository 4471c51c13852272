import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ManageSummary, SyncedScopeRow, SyncKind } from '../../api/manage';
import { MenuButton } from '../../integrations/components/MenuButton';
import { syncKindNames } from '../../integrations/labels';
import { Badge } from '../../ui/Badge';
import { errorMessage } from '../../ui/States';
import { DisconnectDialog } from '../DisconnectDialog';
import { useScopeResume } from '../hooks';
import { managePaths } from '../paths';
import { linkStateOrder, SyncStateIcon, syncStates } from '../SyncStateIcon';
import { n, scopeStateBadge, type NoticeProps } from './section-format';
import { SectionHeader } from './SectionHeader';

/** Synced Items: every PSA type or status that syncs, its link states, and pause, disconnect, resume or reconnect. */
export function SyncedSection({ summary, onNotice }: { summary: ManageSummary } & NoticeProps) {
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
