import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DisconnectedRow } from '../../api/manage';
import { MenuButton } from '../../integrations/components/MenuButton';
import { syncKindNames } from '../../integrations/labels';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CheckIcon } from '../../ui/icons';
import { errorMessage } from '../../ui/States';
import { useReconnectType } from '../hooks';
import { managePaths } from '../paths';
import { SyncStateIcon } from '../SyncStateIcon';
import { typeLabel, type NoticeProps } from './section-format';
import { SectionHeader } from './SectionHeader';

/** Disconnected Data: records whose sync was disabled one by one, per kind and type, with Reconnect for a whole type. */
export function DisconnectedSection({ rows, onNotice }: { rows: DisconnectedRow[] } & NoticeProps) {
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
