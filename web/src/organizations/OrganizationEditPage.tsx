import { useNavigate, useParams } from 'react-router';
import { useRecord, useSaveRecord } from '../api/records';
import { toFormValues } from '../forms/fields';
import { RecordForm } from '../forms/RecordForm';
import { paths } from '../records/kinds';
import { useDocumentTitle } from '../ui/hooks';
import { PageHeader } from '../ui/PageHeader';
import { ErrorState, LoadingState } from '../ui/States';
import { PsaControls } from '../manage/PsaControls';
import { organizationFields } from './organization-fields';

/** `/organizations/new` and `/organizations/:id/edit`. */
export function OrganizationEditPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const record = useRecord('organizations', id);
  const save = useSaveRecord('organizations', id);
  const editing = Boolean(id);
  const title = editing ? `Edit ${record.data?.name ?? 'organization'}` : 'New organization';
  useDocumentTitle(title);

  if (record.isError) return <ErrorState error={record.error} />;
  if (editing && !record.data) return <LoadingState />;

  const back = id ? paths.view('organizations', id) : paths.organizations();
  const crumbs = [{ label: 'Organizations', to: paths.organizations() }, ...(id && record.data ? [{ label: record.data.name, to: back }] : [])];
  return (
    <div className="page page-narrow">
      <PageHeader crumbs={crumbs} title={title} />
      <RecordForm
        key={id ?? 'new'}
        fields={organizationFields}
        initial={toFormValues(organizationFields, record.data)}
        editing={editing}
        submitLabel={editing ? 'Save changes' : 'Create organization'}
        cancelTo={back}
        onUnchanged={() => navigate(back)}
        onSubmit={async (body) => {
          const saved = await save.mutateAsync(body);
          navigate(paths.view('organizations', saved.id), { replace: true });
        }}
      />
      {id && record.data && <PsaControls kind="organization" id={id} name={record.data.name} />}
    </div>
  );
}
