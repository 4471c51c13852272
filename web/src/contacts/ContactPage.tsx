import { useLookupName } from '../api/lookups';
import { ChildViewPage } from '../records/ChildViewPage';
import { RecordDetails } from '../records/RecordDetails';
import { RelatedRecords } from '../records/RelatedRecords';
import { LookupBadge } from '../ui/Badge';
import { UserIcon } from '../ui/icons';
import { contactFields } from './contact-fields';

export function ContactPage() {
  const name = useLookupName();
  return (
    <ChildViewPage
      kind="contacts"
      titleOf={(c) => c.fullName}
      icon={<UserIcon width={22} height={22} />}
      meta={(c) => (
        <>
          {c.title && <span>{c.title}</span>}
          <LookupBadge name={name('contactTypes', c.contactTypeId)} hideEmpty />
        </>
      )}
    >
      {(contact) => (
        <div className="view-layout">
          <RecordDetails fields={contactFields} record={contact} />
          <RelatedRecords organizationId={contact.organizationId} kind="contact" id={contact.id} />
        </div>
      )}
    </ChildViewPage>
  );
}
