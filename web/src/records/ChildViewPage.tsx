import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useRecord } from '../api/records';
import type { Organization, RecordOf } from '../api/types';
import { usePermissions } from '../auth/session';
import { formatDateTime, formatRelative } from '../ui/format';
import { useDocumentTitle } from '../ui/hooks';
import { EditIcon } from '../ui/icons';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/States';
import { PsaControls } from '../manage/PsaControls';
import { DeleteRecordButton } from './DeleteRecordButton';
import { kindNames, paths, type ChildKind } from './kinds';

interface Props<K extends ChildKind> {
  kind: K;
  titleOf: (record: RecordOf[K]) => string;
  icon: ReactNode;
  meta?: (record: RecordOf[K]) => ReactNode;
  children: (record: RecordOf[K], organization: Organization) => ReactNode;
}

/** The frame of a record's page: breadcrumbs through its organization, title, Edit and Delete. */
export function ChildViewPage<K extends ChildKind>({ kind, titleOf, icon, meta, children }: Props<K>) {
  const { id } = useParams();
  const record = useRecord(kind, id);
  const organization = useRecord('organizations', record.data?.organizationId);
  const { canEdit } = usePermissions();
  useDocumentTitle(record.data ? titleOf(record.data) : undefined);

  if (record.isError) return <ErrorState error={record.error} onRetry={() => void record.refetch()} />;
  if (organization.isError) return <ErrorState error={organization.error} />;
  if (!record.data || !organization.data || !id) return <LoadingState />;

  const item = record.data;
  const org = organization.data;
  const title = titleOf(item);
  return (
    <div className="page">
      <PageHeader
        crumbs={[
          { label: 'Organizations', to: paths.organizations() },
          { label: org.name, to: paths.organization(org.id, kind) },
          { label: kindNames[kind].plural, to: paths.organization(org.id, kind) },
        ]}
        icon={icon}
        title={title}
        meta={
          <>
            {meta?.(item)}
            <span className="muted" title={formatDateTime(item.updatedAt)}>
              Updated {formatRelative(item.updatedAt)}
            </span>
          </>
        }
        actions={
          <>
            {canEdit && (
              <Link to={paths.edit(kind, id)} className="btn btn-secondary">
                <EditIcon />
                Edit
              </Link>
            )}
            <DeleteRecordButton kind={kind} id={id} name={title} afterDelete={paths.organization(org.id, kind)} />
          </>
        }
      />
      {children(item, org)}
      {psaKindOf(kind) && <PsaControls kind={psaKindOf(kind)!} id={id} name={title} organizationId={org.id} />}
    </div>
  );
}

/** Configurations and contacts sync with the PSA; passwords and documents do not. */
export const psaKindOf = (kind: ChildKind) => (kind === 'configurations' ? 'configuration' : kind === 'contacts' ? 'contact' : null);
