import { Link } from 'react-router';
import { useRecordList } from '../api/records';
import type { AttachmentKind } from '../api/types';
import { usePermissions } from '../auth/session';
import { SecretValue } from '../passwords/SecretValue';
import { DocumentIcon, KeyIcon, PlusIcon } from '../ui/icons';
import { UpdatedCell } from '../ui/UpdatedCell';
import { paths } from './kinds';

interface Props {
  organizationId: string;
  kind: AttachmentKind;
  id: string;
}

/** The passwords and documents that hang off one configuration or contact. */
export function RelatedRecords({ organizationId, kind, id }: Props) {
  const passwords = useRecordList('passwords', { attachedToId: id, sort: 'name' });
  const documents = useRecordList('documents', { attachedToId: id, sort: 'title' });
  const { canEdit } = usePermissions();
  const addHref = (target: 'passwords' | 'documents') => `${paths.create(target, organizationId)}&attachedTo=${kind}:${id}`;
  return (
    <aside className="related">
      <section className="card" aria-labelledby="related-passwords">
        <div className="card-header">
          <h2 className="card-title" id="related-passwords">
            <KeyIcon /> Passwords
          </h2>
          {canEdit && (
            <Link to={addHref('passwords')} className="btn btn-ghost btn-sm">
              <PlusIcon /> Add<span className="visually-hidden"> password</span>
            </Link>
          )}
        </div>
        {passwords.isPending ? (
          <p className="muted card-pad">Loading…</p>
        ) : passwords.items.length === 0 ? (
          <p className="muted card-pad">No passwords for this {kind}.</p>
        ) : (
          <ul className="related-list">
            {passwords.items.map((p) => (
              <li key={p.id}>
                <div className="related-item-head">
                  <Link to={paths.view('passwords', p.id)}>{p.name}</Link>
                  {p.username && <span className="muted mono">{p.username}</span>}
                </div>
                <SecretValue passwordId={p.id} name={p.name} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="related-documents">
        <div className="card-header">
          <h2 className="card-title" id="related-documents">
            <DocumentIcon /> Documents
          </h2>
          {canEdit && (
            <Link to={addHref('documents')} className="btn btn-ghost btn-sm">
              <PlusIcon /> Add<span className="visually-hidden"> document</span>
            </Link>
          )}
        </div>
        {documents.isPending ? (
          <p className="muted card-pad">Loading…</p>
        ) : documents.items.length === 0 ? (
          <p className="muted card-pad">No documents for this {kind}.</p>
        ) : (
          <ul className="related-list">
            {documents.items.map((d) => (
              <li key={d.id} className="related-item-head">
                <Link to={paths.view('documents', d.id)}>{d.title}</Link>
                <UpdatedCell iso={d.updatedAt} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
