import { Link } from 'react-router';
import type { DocumentRecord, Organization } from '../api/types';
import { usePermissions } from '../auth/session';
import { attachmentValue, useAttachmentOptions } from '../records/attachments';
import { paths } from '../records/kinds';
import { RecordList } from '../records/RecordList';
import type { Column } from '../ui/DataTable';
import { DocumentIcon } from '../ui/icons';
import { UpdatedCell } from '../ui/UpdatedCell';

/** The first words of a document as plain text, so the list says what each one is about. */
function excerpt(doc: DocumentRecord) {
  const lines = doc.bodyMarkdown
    .split('\n')
    .map((line) => line.replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/, '').trim())
    // A first heading that repeats the title says nothing new.
    .filter((line) => line && line.toLowerCase() !== doc.title.toLowerCase());
  return lines
    .join(' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]/g, '')
    .slice(0, 160);
}

export function DocumentsTab({ organization }: { organization: Organization }) {
  const { canEdit } = usePermissions();
  const options = useAttachmentOptions(organization.id);
  const relatedName = (d: DocumentRecord) => options.data?.find((o) => o.value === attachmentValue(d))?.label;
  const columns: Column<DocumentRecord>[] = [
    {
      key: 'title',
      header: 'Title',
      sortKey: 'title',
      cell: (d) => (
        <div className="cell-stack">
          <Link to={paths.view('documents', d.id)} className="row-link">{d.title}</Link>
          <span className="muted cell-excerpt">{excerpt(d)}</span>
        </div>
      ),
    },
    { key: 'related', header: 'Related to', cell: (d) => relatedName(d) ?? <span className="muted">—</span> },
    { key: 'updated', header: 'Updated', sortKey: 'updatedAt', descendingFirst: true, className: 'col-date', cell: (d) => <UpdatedCell iso={d.updatedAt} /> },
  ];
  return (
    <RecordList
      kind="documents"
      label="Documents"
      noun="document"
      columns={columns}
      defaultSort="title"
      filters={{ organizationId: organization.id }}
      newHref={canEdit ? paths.create('documents', organization.id) : undefined}
      emptyIcon={<DocumentIcon width={28} height={28} />}
      emptyText="Procedures, runbooks and notes for this organization, written in Markdown."
    />
  );
}
