import { useLookupName } from '../api/lookups';
import { ChildViewPage } from '../records/ChildViewPage';
import { RecordDetails } from '../records/RecordDetails';
import { RelatedRecords } from '../records/RelatedRecords';
import { LookupBadge } from '../ui/Badge';
import { ServerIcon } from '../ui/icons';
import { configurationFields } from './configuration-fields';

export function ConfigurationPage() {
  const name = useLookupName();
  return (
    <ChildViewPage
      kind="configurations"
      titleOf={(c) => c.name}
      icon={<ServerIcon width={22} height={22} />}
      meta={(c) => (
        <>
          <LookupBadge name={name('configurationTypes', c.configurationTypeId)} hideEmpty />
          <LookupBadge name={name('configurationStatuses', c.configurationStatusId)} status hideEmpty />
        </>
      )}
    >
      {(configuration) => (
        <div className="view-layout">
          <RecordDetails fields={configurationFields} record={configuration} omit={['name']} />
          <RelatedRecords organizationId={configuration.organizationId} kind="configuration" id={configuration.id} />
        </div>
      )}
    </ChildViewPage>
  );
}
