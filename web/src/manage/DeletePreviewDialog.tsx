import { useState } from 'react';
import type { DeletionPreview, ManageJob } from '../api/manage';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { JobProgress } from './JobProgress';
import { DeletionSummary, TypedConfirm, typedMatches } from './PreviewParts';

interface Props {
  title: string;
  preview: DeletionPreview;
  /** The word the user types; none for deletes small enough to confirm with one click. */
  confirmWord?: string;
  busy: boolean;
  /** A large delete runs as a job: its progress while it does. */
  job?: ManageJob | null;
  error?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A delete's preview (records, children, local-only data, a sample), bound to its token, then the delete. */
export function DeletePreviewDialog({ title, preview, confirmWord, busy, job = null, error, onConfirm, onCancel }: Props) {
  const [typed, setTyped] = useState('');
  const empty = Object.values(preview.counts).every((count) => count.total === 0);
  return (
    <ConfirmDialog
      open
      wide
      title={title}
      confirmLabel="Move to trash"
      busyLabel="Deleting…"
      busy={busy}
      error={error}
      confirmDisabled={empty || preview.syncing > 0 || (confirmWord !== undefined && !typedMatches(confirmWord, typed))}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <DeletionSummary preview={preview} />
      {confirmWord !== undefined && !empty && <TypedConfirm expected={confirmWord} value={typed} onChange={setTyped} />}
      <JobProgress job={job} />
    </ConfirmDialog>
  );
}
