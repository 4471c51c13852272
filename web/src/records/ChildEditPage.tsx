import { useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useRecord, useSaveRecord } from '../api/records';
import type { RecordOf } from '../api/types';
import { toFormValues, type FieldDef, type FormValues } from '../forms/fields';
import { RecordForm } from '../forms/RecordForm';
import { useDocumentTitle } from '../ui/hooks';
import { PageHeader } from '../ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';
import { PsaControls } from '../manage/PsaControls';
import { psaKindOf } from './ChildViewPage';
import { attachmentBody, attachmentValue, useAttachmentOptions } from './attachments';
import { kindNames, paths, type ChildKind } from './kinds';

interface Props<K extends ChildKind> {
  kind: K;
  fields: (editing: boolean) => FieldDef[];
  titleOf: (record: RecordOf[K]) => string;
}

/**
 * Create (`/<kind>/new?organizationId=`) and edit (`/<kind>/:id/edit`) pages of a record that belongs to an
 * organization. Passwords and documents also get their "Related to" choices here.
 */
export function ChildEditPage<K extends ChildKind>({ kind, fields, titleOf }: Props<K>) {
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const editing = Boolean(id);
  const record = useRecord(kind, id);
  const organizationId = editing ? record.data?.organizationId : (search.get('organizationId') ?? undefined);
  const organization = useRecord('organizations', organizationId);
  const save = useSaveRecord(kind, id);
  const { noun, plural } = kindNames[kind];

  const baseFields = useMemo(() => fields(editing), [fields, editing]);
  const hasAttachment = baseFields.some((f) => f.kind === 'attachment');
  const options = useAttachmentOptions(hasAttachment ? organizationId : undefined);
  const allFields = useMemo(
    () => baseFields.map((f) => (f.kind === 'attachment' ? { ...f, options: options.data ?? [] } : f)),
    [baseFields, options.data],
  );
  const title = editing ? (record.data ? `Edit ${titleOf(record.data)}` : `Edit ${noun}`) : `New ${noun}`;
  useDocumentTitle(title);

  if (!editing && !organizationId) {
    return <EmptyState title={`A ${noun} belongs to an organization`}>Open an organization and add the {noun} from there.</EmptyState>;
  }
  if (record.isError) return <ErrorState error={record.error} />;
  if (organization.isError) return <ErrorState error={organization.error} />;
  if ((editing && !record.data) || !organization.data || (hasAttachment && options.isPending)) return <LoadingState />;

  const org = organization.data;
  // "Add password" on a configuration's page arrives with ?attachedTo=configuration:<id>.
  const attachment = editing ? attachmentValue(record.data as never) : (search.get('attachedTo') ?? '');
  const initial: FormValues = { ...toFormValues(allFields, record.data), attachment };
  const back = editing && id ? paths.view(kind, id) : paths.organization(org.id, kind);
  const crumbs = [
    { label: 'Organizations', to: paths.organizations() },
    { label: org.name, to: paths.organization(org.id, kind) },
    ...(editing && record.data && id ? [{ label: titleOf(record.data), to: paths.view(kind, id) }] : [{ label: plural, to: paths.organization(org.id, kind) }]),
  ];
  return (
    <div className="page page-narrow">
      <PageHeader crumbs={crumbs} title={title} />
      <RecordForm
        key={id ?? 'new'}
        fields={allFields}
        initial={initial}
        editing={editing}
        submitLabel={editing ? 'Save changes' : `Create ${noun}`}
        cancelTo={back}
        transform={(body, values) => {
          const shaped = hasAttachment ? attachmentBody(body, values) : body;
          return editing ? shaped : { ...shaped, organizationId: org.id };
        }}
        onUnchanged={() => navigate(back)}
        onSubmit={async (body) => {
          const saved = await save.mutateAsync(body);
          navigate(paths.view(kind, saved.id), { replace: true });
        }}
      />
      {editing && id && record.data && psaKindOf(kind) && <PsaControls kind={psaKindOf(kind)!} id={id} name={titleOf(record.data)} organizationId={org.id} />}
    </div>
  );
}
