import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useDeleteRecord } from '../api/records';
import type { Kind } from '../api/types';
import { usePermissions } from '../auth/session';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { TrashIcon } from '../ui/icons';
import { errorMessage } from '../ui/States';
import { kindNames } from './kinds';

interface Props {
  kind: Kind;
  id: string;
  name: string;
  /** Where to go once it is gone. */
  afterDelete: string;
  /** What else goes with it, in words. */
  consequences?: ReactNode;
}

/** Delete, for managers and up, behind a confirmation that names the record. */
export function DeleteRecordButton({ kind, id, name, afterDelete, consequences }: Props) {
  const { canDelete } = usePermissions();
  const [open, setOpen] = useState(false);
  const remove = useDeleteRecord(kind, id);
  const navigate = useNavigate();
  if (!canDelete) return null;
  const noun = kindNames[kind].noun;
  return (
    <>
      <button type="button" className="btn btn-danger-quiet" onClick={() => setOpen(true)}>
        <TrashIcon />
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete this ${noun}?`}
        confirmLabel={`Delete ${noun}`}
        busyLabel="Deleting…"
        busy={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : undefined}
        onCancel={() => {
          setOpen(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setOpen(false);
              navigate(afterDelete, { replace: true });
            },
          })
        }
      >
        <p>
          <strong>{name}</strong> will be deleted permanently.
        </p>
        {consequences && <p>{consequences}</p>}
        <p className="muted">This cannot be undone.</p>
      </ConfirmDialog>
    </>
  );
}
