import { useState } from 'react';
import type { DisconnectMode, ScopeDisconnectResult, SyncedScopeRow, SyncKind } from '../api/manage';
import { syncKindNames } from '../integrations/labels';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { errorMessage } from '../ui/States';
import { useScopeDisconnect, useScopeDisconnectPreview } from './hooks';
import { JobProgress } from './JobProgress';
import { DeletionSummary, TypedConfirm, typedMatches } from './PreviewParts';

const choices: { mode: DisconnectMode; title: string; text: string; action: string }[] = [
  {
    mode: 'pause',
    title: 'Pause syncing and keep all data',
    text: 'Sync stops for this type or status. Every record stays, and so does every link to the PSA: resume at any time and sync carries on where it stopped.',
    action: 'Pause syncing',
  },
  {
    mode: 'unlink',
    title: 'Permanently disconnect records from the PSA but keep all data',
    text: 'Sync stops and the links to the PSA are removed. The records stay in psalink as your own data; the PSA no longer changes them.',
    action: 'Disconnect records',
  },
  {
    mode: 'delete',
    title: 'Permanently delete all data including all related/child records',
    text: 'Sync stops and the records are deleted with everything that belongs to them: configurations, contacts, passwords and documents. They go to the trash first.',
    action: 'Delete all data',
  },
];

/** Disconnect a sync scope: the three choices in plain words, the server's preview, a typed confirmation, the result. */
export function DisconnectDialog({ kind, scope, onClose, onDone }: { kind: SyncKind; scope: SyncedScopeRow; onClose: () => void; onDone: (result: ScopeDisconnectResult) => void }) {
  const [mode, setMode] = useState<DisconnectMode>('pause');
  const [typed, setTyped] = useState('');
  const preview = useScopeDisconnectPreview(scope.scopeId);
  const execute = useScopeDisconnect(scope.scopeId);
  const choice = choices.find((c) => c.mode === mode)!;
  const permanent = mode !== 'pause';
  const rowName = `${syncKindNames[kind].plural} · ${scope.name}`;

  if (!preview.data) {
    return (
      <ConfirmDialog
        open
        wide
        title={`Disconnect ${rowName}`}
        confirmLabel="Continue"
        confirmTone="primary"
        busyLabel="Preparing the preview…"
        busy={preview.isPending}
        error={preview.isError ? errorMessage(preview.error) : undefined}
        onCancel={onClose}
        onConfirm={() => preview.mutate(mode)}
      >
        <p className="muted">
          {scope.counts.total.toLocaleString()} {scope.counts.total === 1 ? syncKindNames[kind].noun : syncKindNames[kind].plural.toLowerCase()} of this{' '}
          {scope.dimension} are linked to the PSA. What should happen to them?
        </p>
        <div className="choice-list" role="radiogroup" aria-label="Disconnect choice">
          {choices.map((c) => (
            <label key={c.mode} className={`choice${mode === c.mode ? ' is-selected' : ''}${c.mode === 'delete' ? ' choice-danger' : ''}`}>
              <input type="radio" name="disconnect-mode" value={c.mode} checked={mode === c.mode} onChange={() => setMode(c.mode)} />
              <span>
                <strong>{c.title}</strong>
                <span className="muted small">{c.text}</span>
              </span>
            </label>
          ))}
        </div>
      </ConfirmDialog>
    );
  }

  const data = preview.data;
  return (
    <ConfirmDialog
      open
      wide
      title={choice.title}
      confirmLabel={choice.action}
      confirmTone={permanent ? 'danger' : 'primary'}
      busyLabel="Working…"
      busy={execute.isPending}
      confirmDisabled={permanent && !typedMatches(data.scope.name, typed)}
      error={execute.isError ? errorMessage(execute.error) : undefined}
      onCancel={onClose}
      onConfirm={() =>
        execute.mutate(
          { mode, confirmationToken: data.confirmationToken },
          {
            onSuccess: onDone,
            onError: (error) => {
              // The data changed since the preview: show the new preview, the user confirms again.
              if ((error as { code?: string }).code === 'preview_stale') preview.mutate(mode);
            },
          },
        )
      }
    >
      <p className="dialog-subtitle">
        <strong>{rowName}</strong>: {data.records.toLocaleString()} {data.records === 1 ? 'record' : 'records'}, {data.links.toLocaleString()} PSA{' '}
        {data.links === 1 ? 'link' : 'links'}.
      </p>
      {data.effects.length > 0 && (
        <ul className="effects-list">
          {data.effects.map((effect) => (
            <li key={effect}>{effect}</li>
          ))}
        </ul>
      )}
      {data.deletion && <DeletionSummary preview={data.deletion} scoped />}
      {permanent && <TypedConfirm expected={data.scope.name} value={typed} onChange={setTyped} />}
      <JobProgress job={execute.job} />
      <button
        type="button"
        className="btn btn-ghost btn-sm back-link"
        onClick={() => {
          preview.reset();
          execute.reset();
          setTyped('');
        }}
      >
        ← Back to the choices
      </button>
    </ConfirmDialog>
  );
}
