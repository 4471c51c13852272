import { roleLabel, useSession } from '../auth/session';
import { useDocumentTitle } from '../ui/hooks';

const roleHelp = {
  readonly: 'You can look at everything in this account but not change it.',
  editor: 'You can create and edit organizations, configurations, contacts, passwords and documents.',
  manager: 'You can create, edit and delete records.',
  admin: 'You can do everything, including integrations and managing synced data.',
} as const;

export function ProfilePage() {
  useDocumentTitle('Profile');
  const session = useSession().data;
  if (!session) return null;
  return (
    <section className="card" aria-labelledby="profile-title">
      <div className="card-header">
        <h2 className="card-title" id="profile-title">
          Profile
        </h2>
      </div>
      <dl className="detail-grid card-pad">
        <div className="detail">
          <dt>Email</dt>
          <dd>{session.user.email}</dd>
        </div>
        <div className="detail">
          <dt>Account</dt>
          <dd>{session.account.name}</dd>
        </div>
        <div className="detail detail-wide">
          <dt>Role</dt>
          <dd>
            <strong>{roleLabel[session.user.role]}</strong>
            <span className="muted"> — {roleHelp[session.user.role]}</span>
          </dd>
        </div>
      </dl>
    </section>
  );
}
