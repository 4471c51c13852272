import { Link } from 'react-router';
import { useDocumentTitle } from '../ui/hooks';
import { EmptyState } from '../ui/States';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <div className="page">
      <EmptyState
        title="This page does not exist"
        action={
          <Link to="/organizations" className="btn btn-primary">
            Go to organizations
          </Link>
        }
      >
        The link may be old, or the record may have been deleted.
      </EmptyState>
    </div>
  );
}
