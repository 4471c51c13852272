import { useMemo } from 'react';
import { Link } from 'react-router';
import { withQuery } from '../api/client';
import type { ActorType, AuditEvent, AuditFilter } from '../api/manage';
import { usePermissions } from '../auth/session';
import { formatDateTime } from '../ui/format';
import { useDocumentTitle, useUrlParam } from '../ui/hooks';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { SearchBox } from '../ui/SearchBox';
import { useAuditLog } from './hooks';
import { managePaths } from './paths';
import { LoadMoreFooter } from '../ui/LoadMoreFooter';

const actorTypes: Record<ActorType, string> = { user: 'A person', api_key: 'An API key', sync: 'The sync', system: 'psalink itself' };

/** A day in the date input, as the start (or the end) of that day in the user's time zone. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);
const dayEnd = (day: string) => (day ? new Date(new Date(`${day}T00:00:00`).getTime() + 86_400_000).toISOString() : undefined);

/** Account → Audit log: every Manage Data action, settings change and sync run; filtered, exportable. */
export function AuditLogPage() {
  useDocumentTitle('Audit log');
  const { isAdmin } = usePermissions();
  const [actorType, setActorType] = useUrlParam('actor');
  const [action, setAction] = useUrlParam('action');
  const [from, setFrom] = useUrlParam('from');
  const [to, setTo] = useUrlParam('to');
  const filter: AuditFilter = useMemo(
    () => ({ actorType: (actorType || undefined) as ActorType | undefined, action: action || undefined, from: dayStart(from), to: dayEnd(to) }),
    [actorType, action, from, to],
  );
  const log = useAuditLog(filter);
  if (!isAdmin) return <EmptyState title="The audit log is for administrators" />;

  let body;
  if (log.isPending) body = <LoadingState label="Loading the audit log…" />;
  else if (log.isError) body = <ErrorState error={log.error} onRetry={() => void log.refetch()} />;
  else if (log.items.length === 0) body = <EmptyState title="No events">Nothing matches these filters.</EmptyState>;
  else {
    body = (
      <>
        <div className="table-wrap">
          <table className="data-table audit-table" aria-label="Audit events">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Counts</th>
                <th scope="col">Trash</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((event) => (
                <tr key={event.id}>
                  <td className="nowrap">{formatDateTime(event.at)}</td>
                  <td>
                    <span className="cell-stack">
                      <span>{event.actorLabel}</span>
                      <span className="muted small">{actorTypes[event.actorType]}</span>
                    </span>
                  </td>
                  <td>
                    <button type="button" className="link-button mono" title="Show only this action" onClick={() => setAction(event.action)}>
                      {event.action}
                    </button>
                  </td>
                  <td className="muted">{event.targetType ? `${event.targetType.replace(/_/g, ' ')}${event.targetId ? ` ${event.targetId.slice(0, 8)}` : ''}` : '—'}</td>
                  <td className="small">{countsText(event)}</td>
                  <td>{event.trashBatchId ? <Link to={managePaths.batch(event.trashBatchId)}>Batch</Link> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMoreFooter list={log} summary={log.hasNextPage ? `The newest ${log.items.length}` : `${log.items.length} ${log.items.length === 1 ? 'event' : 'events'}`} />
      </>
    );
  }
  return (
    <section aria-label="Audit log">
      <div className="settings-heading">
        <h2>Audit log</h2>
        <p className="muted">Every Manage Data action, settings change and sync run: who, what, how many, and the trash batch to undo a delete.</p>
      </div>
      <div className="toolbar">
        <SearchBox label="Action" value={action} onSearch={setAction} placeholder="Action, e.g. records.deleted" />
        <label className="filter">
          <span className="visually-hidden">Actor</span>
          <select value={actorType} className={actorType ? 'is-active' : undefined} onChange={(e) => setActorType(e.target.value)}>
            <option value="">Everyone</option>
            {Object.entries(actorTypes).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="filter date-filter">
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="filter date-filter">
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <div className="toolbar-spacer" />
        <a className="btn btn-secondary" href={withQuery('/api/v1/audit.csv', { ...filter })} download>
          Export CSV
        </a>
      </div>
      {body}
    </section>
  );
}

function countsText(event: AuditEvent) {
  const parts = Object.entries(event.counts)
    .filter(([, value]) => (typeof value === 'number' && value !== 0) || typeof value === 'string')
    .map(([key, value]) => `${key.replace(/_/g, ' ')} ${typeof value === 'number' ? value.toLocaleString() : String(value)}`);
  return parts.length > 0 ? parts.join(' · ') : <span className="muted">—</span>;
}
