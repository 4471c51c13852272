import { Link } from 'react-router';
import type { Organization, Password } from '../api/types';
import { usePermissions } from '../auth/session';
import { attachmentValue, useAttachmentOptions } from '../records/attachments';
import { paths } from '../records/kinds';
import { RecordList } from '../records/RecordList';
import type { Column } from '../ui/DataTable';
import { KeyIcon } from '../ui/icons';
import { UpdatedCell } from '../ui/UpdatedCell';
import { SecretValue } from './SecretValue';

export function PasswordsTab({ organization }: { organization: Organization }) {
  const { canEdit } = usePermissions();
  // One request names every attachment in the table, instead of one per row.
  const options = useAttachmentOptions(organization.id);
  const relatedName = (p: Password) => options.data?.find((o) => o.value === attachmentValue(p))?.label;
  const columns: Column<Password>[] = [
    { key: 'name', header: 'Name', sortKey: 'name', cell: (p) => <Link to={paths.view('passwords', p.id)} className="row-link">{p.name}</Link> },
    { key: 'username', header: 'Username', cell: (p) => (p.username ? <span className="mono">{p.username}</span> : <span className="muted">—</span>) },
    { key: 'secret', header: 'Password', className: 'col-secret', cell: (p) => <SecretValue passwordId={p.id} name={p.name} /> },
    { key: 'related', header: 'Related to', cell: (p) => relatedName(p) ?? <span className="muted">—</span> },
    { key: 'updated', header: 'Updated', sortKey: 'updatedAt', descendingFirst: true, className: 'col-date', cell: (p) => <UpdatedCell iso={p.updatedAt} /> },
  ];
  return (
    <RecordList
      kind="passwords"
      label="Passwords"
      noun="password"
      columns={columns}
      defaultSort="name"
      filters={{ organizationId: organization.id }}
      newHref={canEdit ? paths.create('passwords', organization.id) : undefined}
      emptyIcon={<KeyIcon width={28} height={28} />}
      emptyText="Store admin accounts, Wi-Fi keys and portal logins here. Secrets are encrypted and shown only on request."
    />
  );
}
