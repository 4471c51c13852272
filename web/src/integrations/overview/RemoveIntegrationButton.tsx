import { useState } from 'react';
import { useNavigate } from 'react-router';
import { syncKinds, type Integration, type RemovalPreview } from '../../api/integrations';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { TrashIcon } from '../../ui/icons';
import { errorMessage } from '../../ui/States';
import { useRemovalPreview, useRemoveIntegration } from '../hooks/use-integration';
import { syncKindNames } from '../labels';
import { integrationPaths } from '../paths';

/** Remove: first the server's preview of what goes (links) and what stays (records), then removal bound to it. */
export function RemoveIntegrationButton({ integration }: { integration: Integration }) {
  const preview = useRemovalPreview(integration.id);
  const remove = useRemoveIntegration(integration.id);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    preview.reset();
    remove.reset();
  };
  return (
    <>
      <button type="button" className="btn btn-danger-quiet" onClick={() => preview.mutate(undefined, { onSuccess: () => setOpen(true) })} disabled={preview.isPending}>
        <TrashIcon />
        {preview.isPending ? 'Checking…' : 'Remove integration'}
      </button>
      {preview.isError && (
        <span className="field-error" role="alert">
          {errorMessage(preview.error)}
        </span>
      )}
      <ConfirmDialog
        open={open && Boolean(preview.data)}
        wide
        title={`Remove ${integration.name}?`}
        confirmLabel="Remove integration"
        busyLabel="Removing…"
        busy={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : undefined}
        onCancel={close}
        onConfirm={() =>
          preview.data &&
          remove.mutate(preview.data.confirmationToken, {
            onSuccess: () => {
              setOpen(false);
              navigate(integrationPaths.root, { replace: true });
            },
          })
        }
      >
        {preview.data && <RemovalEffects preview={preview.data} />}
      </ConfirmDialog>
    </>
  );
}

function RemovalEffects({ preview }: { preview: RemovalPreview }) {
  return (
    <>
      {preview.syncRunning && <p className="field-error">A sync is running. Wait for it to finish (or cancel it) before removing the integration.</p>}
      <ul className="effects-list">
        {preview.effects.map((effect) => (
          <li key={effect}>{effect}</li>
        ))}
      </ul>
      <table className="mini-table" aria-label="Links that will be removed">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Syncing</th>
            <th scope="col">Orphaned</th>
            <th scope="col">Disabled</th>
            <th scope="col">Error</th>
            <th scope="col">Links</th>
          </tr>
        </thead>
        <tbody>
          {syncKinds.map((kind) => {
            const row = preview.links[kind];
            return (
              <tr key={kind}>
                <th scope="row">{syncKindNames[kind].plural}</th>
                <td>{row.syncing.toLocaleString()}</td>
                <td>{row.orphaned.toLocaleString()}</td>
                <td>{row.disabled.toLocaleString()}</td>
                <td>{row.error.toLocaleString()}</td>
                <td>
                  <strong>{row.total.toLocaleString()}</strong>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
