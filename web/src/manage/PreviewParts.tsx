import { useId } from 'react';
import { Link } from 'react-router';
import { recordTables, type DeletionPreview, type RecordTable } from '../api/manage';
import { managePaths } from './paths';

const tableNames: Record<RecordTable, string> = {
  organizations: 'Organizations',
  configurations: 'Configurations',
  contacts: 'Contacts',
  passwords: 'Passwords',
  documents: 'Documents',
};

/** What a delete takes with it: records and child records per kind, how many exist only in psalink, and a sample. */
/** `scoped`: a scope delete stops the sync itself, so syncing records do not block it. */
export function DeletionSummary({ preview, scoped = false }: { preview: DeletionPreview; scoped?: boolean }) {
  const rows = recordTables.filter((table) => preview.counts[table].total > 0);
  const localOnly = rows.reduce((sum, table) => sum + preview.counts[table].localOnly, 0);
  if (rows.length === 0) return <p className="muted">Nothing to delete: no record matches any more.</p>;
  return (
    <div className="deletion-summary">
      {preview.syncing > 0 && !scoped && (
        <p className="notice notice-error">
          {preview.syncing.toLocaleString()} of these {preview.syncing === 1 ? 'record is' : 'records are'} still syncing with the PSA. Disable their sync first: the
          next sync would bring them back.
        </p>
      )}
      <table className="mini-table" aria-label="What will be deleted">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Records</th>
            <th scope="col" title="Rows with no PSA link: data that exists only in psalink">
              Only in psalink
            </th>
            <th scope="col" className="sample-col">
              For example
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((table) => (
            <tr key={table}>
              <th scope="row">{tableNames[table]}</th>
              <td>
                <strong>{preview.counts[table].total.toLocaleString()}</strong>
              </td>
              <td className={preview.counts[table].localOnly > 0 ? 'local-only' : undefined}>{preview.counts[table].localOnly.toLocaleString()}</td>
              <td className="sample-col" title={preview.sample[table].join(', ')}>
                {preview.sample[table].slice(0, 3).join(', ')}
                {preview.sample[table].length > 3 && '…'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {preview.links.toLocaleString()} PSA {preview.links === 1 ? 'link goes' : 'links go'} with them.{' '}
        {localOnly > 0 && <strong className="local-only">{localOnly.toLocaleString()} rows hold data that exists only in psalink. </strong>}
        Everything goes to the trash as one batch and can be restored from there.
      </p>
    </div>
  );
}

/** "Type X to confirm": a permanent action needs the user to read what it touches. */
export function TypedConfirm({ expected, value, onChange }: { expected: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field typed-confirm">
      <label htmlFor={id}>
        Type <strong className="mono">{expected}</strong> to confirm
      </label>
      <input id={id} value={value} onChange={(event) => onChange(event.target.value)} autoComplete="off" spellCheck={false} />
    </div>
  );
}

export const typedMatches = (expected: string, value: string) => value.trim() === expected.trim();

export type ResultNotice = { tone: 'success' | 'error' | 'info'; text: string; batchId?: string | null };

/** The outcome of an action, with the way back when it went to the trash. */
export function ActionNotice({ notice, onDismiss }: { notice: ResultNotice | null; onDismiss: () => void }) {
  return (
    <div role="status" aria-live="polite">
      {notice && (
        <div className={`notice notice-${notice.tone} action-notice`}>
          <span>
            {notice.text}
            {notice.batchId && (
              <>
                {' '}
                <Link to={managePaths.batch(notice.batchId)}>Open the trash batch to undo it</Link>
              </>
            )}
          </span>
          <button type="button" className="btn btn-ghost btn-sm" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}

/** "12 organizations, 40 configurations" from a trash batch's counts (links left out: they are not records). */
export function describeCounts(counts: Record<string, number>) {
  const parts = Object.entries(counts)
    .filter(([table, n]) => n > 0 && table !== 'links' && table !== 'psa_links')
    .map(([table, n]) => `${n.toLocaleString()} ${n === 1 ? table.replace(/s$/, '') : table}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}
