import { ChildViewPage } from '../records/ChildViewPage';
import { AttachedTo } from '../records/AttachedTo';
import { DocumentIcon } from '../ui/icons';
import { Markdown } from '../ui/Markdown';

export function DocumentPage() {
  return (
    <ChildViewPage
      kind="documents"
      titleOf={(d) => d.title}
      icon={<DocumentIcon width={22} height={22} />}
      meta={(d) =>
        d.attachedToId && (
          <span className="meta-item">
            Related to <AttachedTo record={d} />
          </span>
        )
      }
    >
      {(document) => (
        <article className="card document-body">
          {document.bodyMarkdown.trim() ? <Markdown source={document.bodyMarkdown} /> : <p className="muted">This document is empty.</p>}
        </article>
      )}
    </ChildViewPage>
  );
}
