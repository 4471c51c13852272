import type { ReactNode } from 'react';
import { Link, Navigate, NavLink, useParams } from 'react-router';
import { useLookupName } from '../api/lookups';
import { useRecord } from '../api/records';
import type { Organization } from '../api/types';
import { usePermissions } from '../auth/session';
import { ConfigurationsTab } from '../configurations/ConfigurationsTab';
import { ContactsTab } from '../contacts/ContactsTab';
import { DocumentsTab } from '../documents/DocumentsTab';
import { PasswordsTab } from '../passwords/PasswordsTab';
import { PsaControls } from '../manage/PsaControls';
import { DeleteRecordButton } from '../records/DeleteRecordButton';
import { childKinds, isChildKind, kindNames, paths, safeHref, type ChildKind } from '../records/kinds';
import { LookupBadge } from '../ui/Badge';
import { useDocumentTitle } from '../ui/hooks';
import { BuildingIcon, EditIcon } from '../ui/icons';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/States';

const tabs: Record<ChildKind, (props: { organization: Organization }) => ReactNode> = {
  configurations: ConfigurationsTab,
  contacts: ContactsTab,
  passwords: PasswordsTab,
  documents: DocumentsTab,
};

/** One organization: its header and a tab per kind of child record; the tab is part of the URL. */
export function OrganizationPage() {
  const { id, tab } = useParams();
  const organization = useRecord('organizations', id);
  const name = useLookupName();
  const { canEdit } = usePermissions();
  useDocumentTitle(organization.data?.name);

  if (!id) return null;
  if (!isChildKind(tab)) return <Navigate to={paths.organization(id)} replace />;
  if (organization.isError) return <ErrorState error={organization.error} onRetry={() => void organization.refetch()} />;
  if (!organization.data) return <LoadingState />;

  const org = organization.data;
  const Tab = tabs[tab];
  return (
    <div className="page">
      <PageHeader
        crumbs={[{ label: 'Organizations', to: paths.organizations() }]}
        icon={<BuildingIcon width={22} height={22} />}
        title={org.name}
        meta={
          <>
            <LookupBadge name={name('organizationTypes', org.organizationTypeId)} hideEmpty />
            <LookupBadge name={name('organizationStatuses', org.organizationStatusId)} status hideEmpty />
            <ContactLine organization={org} />
          </>
        }
        actions={
          <>
            {canEdit && (
              <Link to={paths.edit('organizations', org.id)} className="btn btn-secondary">
                <EditIcon />
                Edit
              </Link>
            )}
            <DeleteRecordButton
              kind="organizations"
              id={org.id}
              name={org.name}
              afterDelete={paths.organizations()}
              consequences="All of its configurations, contacts, passwords and documents are deleted with it."
            />
          </>
        }
      >
        {org.notes.trim() && (
          <details className="header-notes">
            <summary>Notes</summary>
            <div className="prewrap">{org.notes}</div>
          </details>
        )}
        <nav className="tabs" aria-label="Organization sections">
          {childKinds.map((kind) => (
            <NavLink key={kind} to={paths.organization(org.id, kind)} className="tab">
              {kindNames[kind].plural}
            </NavLink>
          ))}
        </nav>
      </PageHeader>
      <Tab key={tab} organization={org} />
      <PsaControls kind="organization" id={org.id} name={org.name} />
    </div>
  );
}

function ContactLine({ organization: o }: { organization: Organization }) {
  const website = o.website ? safeHref(o.website) : undefined;
  const place = [o.address, o.city, o.region, o.postalCode, o.country].filter(Boolean).join(', ');
  return (
    <>
      {o.phone && (
        <a className="meta-item" href={`tel:${o.phone.replace(/[^\d+]/g, '')}`}>
          {o.phone}
        </a>
      )}
      {o.website &&
        (website ? (
          <a className="meta-item" href={website} target="_blank" rel="noopener noreferrer">
            {o.website.replace(/^https?:\/\//i, '')}
          </a>
        ) : (
          <span className="meta-item">{o.website}</span>
        ))}
      {place && <span className="meta-item">{place}</span>}
    </>
  );
}
