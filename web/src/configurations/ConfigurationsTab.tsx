import { Link } from 'react-router';
import { useLookupName } from '../api/lookups';
import type { Configuration, Organization } from '../api/types';
import { usePermissions } from '../auth/session';
import { paths } from '../records/kinds';
import { RecordList } from '../records/RecordList';
import { LookupBadge } from '../ui/Badge';
import type { Column } from '../ui/DataTable';
import { UpdatedCell } from '../ui/UpdatedCell';
import { ServerIcon } from '../ui/icons';

const dash = <span className="muted">—</span>;

export function ConfigurationsTab({ organization }: { organization: Organization }) {
  const name = useLookupName();
  const { canEdit } = usePermissions();
  const columns: Column<Configuration>[] = [
    { key: 'name', header: 'Name', sortKey: 'name', cell: (c) => <Link to={paths.view('configurations', c.id)} className="row-link mono">{c.name}</Link> },
    { key: 'type', header: 'Type', cell: (c) => <LookupBadge name={name('configurationTypes', c.configurationTypeId)} /> },
    { key: 'status', header: 'Status', cell: (c) => <LookupBadge name={name('configurationStatuses', c.configurationStatusId)} status /> },
    { key: 'ip', header: 'IP address', cell: (c) => (c.ipAddress ? <span className="mono">{c.ipAddress}</span> : dash) },
    { key: 'os', header: 'Operating system', cell: (c) => c.operatingSystem ?? dash },
    { key: 'model', header: 'Model', cell: (c) => [c.manufacturer, c.model].filter(Boolean).join(' ') || dash },
    { key: 'updated', header: 'Updated', sortKey: 'updatedAt', descendingFirst: true, className: 'col-date', cell: (c) => <UpdatedCell iso={c.updatedAt} /> },
  ];
  return (
    <RecordList
      kind="configurations"
      label="Configurations"
      noun="configuration"
      columns={columns}
      defaultSort="name"
      filters={{ organizationId: organization.id }}
      newHref={canEdit ? paths.create('configurations', organization.id) : undefined}
      emptyIcon={<ServerIcon width={28} height={28} />}
      emptyText="Servers, workstations, firewalls and other assets of this organization appear here."
    />
  );
}
