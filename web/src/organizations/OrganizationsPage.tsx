import { Link } from 'react-router';
import { useLookupName, useLookups } from '../api/lookups';
import type { LookupList, Organization } from '../api/types';
import { usePermissions } from '../auth/session';
import { paths } from '../records/kinds';
import { RecordList } from '../records/RecordList';
import { LookupBadge } from '../ui/Badge';
import type { Column } from '../ui/DataTable';
import { useDocumentTitle, useUrlParam } from '../ui/hooks';
import { BuildingIcon } from '../ui/icons';
import { PageHeader } from '../ui/PageHeader';
import { UpdatedCell } from '../ui/UpdatedCell';

const dash = <span className="muted">—</span>;

export function OrganizationsPage() {
  useDocumentTitle('Organizations');
  const name = useLookupName();
  const { canEdit } = usePermissions();
  const [typeId, setTypeId] = useUrlParam('type');
  const [statusId, setStatusId] = useUrlParam('status');
  const columns: Column<Organization>[] = [
    { key: 'name', header: 'Name', sortKey: 'name', cell: (o) => <Link to={paths.view('organizations', o.id)} className="row-link">{o.name}</Link> },
    { key: 'type', header: 'Type', cell: (o) => <LookupBadge name={name('organizationTypes', o.organizationTypeId)} /> },
    { key: 'status', header: 'Status', cell: (o) => <LookupBadge name={name('organizationStatuses', o.organizationStatusId)} status /> },
    { key: 'location', header: 'Location', cell: (o) => [o.city, o.region, o.country].filter(Boolean).join(', ') || dash },
    { key: 'phone', header: 'Phone', cell: (o) => (o.phone ? <span className="nowrap">{o.phone}</span> : dash) },
    { key: 'updated', header: 'Updated', sortKey: 'updatedAt', descendingFirst: true, className: 'col-date', cell: (o) => <UpdatedCell iso={o.updatedAt} /> },
  ];
  return (
    <div className="page">
      <PageHeader title="Organizations" meta={<span className="muted">Your customers, with their assets, contacts, passwords and documents.</span>} />
      <RecordList
        kind="organizations"
        label="Organizations"
        noun="organization"
        columns={columns}
        defaultSort="name"
        filters={{ typeId: typeId || undefined, statusId: statusId || undefined }}
        filtersActive={Boolean(typeId || statusId)}
        newHref={canEdit ? paths.create('organizations') : undefined}
        searchLabel="Search organizations"
        emptyIcon={<BuildingIcon width={28} height={28} />}
        emptyText="Add your first customer, or connect your PSA under Account → Integrations to bring them in."
        toolbar={
          <>
            <LookupFilter label="Type" all="All types" list="organizationTypes" value={typeId} onChange={setTypeId} />
            <LookupFilter label="Status" all="All statuses" list="organizationStatuses" value={statusId} onChange={setStatusId} />
          </>
        }
      />
    </div>
  );
}

function LookupFilter({ label, all, list, value, onChange }: { label: string; all: string; list: LookupList; value: string; onChange: (v: string) => void }) {
  const lookups = useLookups();
  return (
    <label className="filter">
      <span className="visually-hidden">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} className={value ? 'is-active' : undefined}>
        <option value="">{all}</option>
        {(lookups.data?.[list] ?? []).map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
    </label>
  );
}
