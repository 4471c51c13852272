import { Link } from 'react-router';
import { useLookupName } from '../api/lookups';
import type { Contact, Organization } from '../api/types';
import { usePermissions } from '../auth/session';
import { paths } from '../records/kinds';
import { RecordList } from '../records/RecordList';
import { LookupBadge } from '../ui/Badge';
import type { Column } from '../ui/DataTable';
import { UserIcon } from '../ui/icons';
import { UpdatedCell } from '../ui/UpdatedCell';

const dash = <span className="muted">—</span>;

export function ContactsTab({ organization }: { organization: Organization }) {
  const name = useLookupName();
  const { canEdit } = usePermissions();
  const columns: Column<Contact>[] = [
    { key: 'name', header: 'Name', sortKey: 'name', cell: (c) => <Link to={paths.view('contacts', c.id)} className="row-link">{c.fullName}</Link> },
    { key: 'title', header: 'Job title', cell: (c) => c.title ?? dash },
    { key: 'type', header: 'Type', cell: (c) => <LookupBadge name={name('contactTypes', c.contactTypeId)} /> },
    { key: 'email', header: 'Email', cell: (c) => (c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : dash) },
    { key: 'phone', header: 'Phone', cell: (c) => (c.phone || c.mobile ? <span className="nowrap">{c.phone ?? c.mobile}</span> : dash) },
    { key: 'updated', header: 'Updated', sortKey: 'updatedAt', descendingFirst: true, className: 'col-date', cell: (c) => <UpdatedCell iso={c.updatedAt} /> },
  ];
  return (
    <RecordList
      kind="contacts"
      label="Contacts"
      noun="contact"
      columns={columns}
      defaultSort="name"
      filters={{ organizationId: organization.id }}
      newHref={canEdit ? paths.create('contacts', organization.id) : undefined}
      searchLabel="Search contacts by name or email"
      emptyIcon={<UserIcon width={28} height={28} />}
      emptyText="The people you work with at this organization appear here."
    />
  );
}
