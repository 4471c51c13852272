import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DeletionPreview, OrphanedRow } from '../../api/manage';
import { MenuButton } from '../../integrations/components/MenuButton';
import { orphanReasonLabels, syncKindNames } from '../../integrations/labels';
import { formatDateTime, formatRelative } from '../../ui/format';
import { CheckIcon } from '../../ui/icons';
import { errorMessage } from '../../ui/States';
import { DeletePreviewDialog } from '../DeletePreviewDialog';
import { useOrphanDelete, type OrphanTarget } from '../hooks';
import { managePaths } from '../paths';
import { describeCounts } from '../PreviewParts';
import { SyncStateIcon } from '../SyncStateIcon';
import { capitalize, n, reasonHeaders, reasons, typeLabel, type NoticeProps } from './section-format';
import { SectionHeader } from './SectionHeader';

/** Orphaned Data: records the PSA no longer has or no longer syncs, per kind and type, with Delete All after a preview. */
export function OrphanedSection({ rows, onNotice }: { rows: OrphanedRow[] } & NoticeProps) {
  const navigate = useNavigate();
  const { preview, execute, job } = useOrphanDelete();
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
          job={job}
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
