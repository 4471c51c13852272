import { NavLink, Outlet } from 'react-router';
import { usePermissions } from '../auth/session';
import { PageHeader } from '../ui/PageHeader';

/** The Account section: a side menu of settings pages. */
export function AccountLayout() {
  const { isAdmin } = usePermissions();
  return (
    <div className="page">
      <PageHeader title="Account" meta={<span className="muted">Your profile and how psalink connects to your other tools.</span>} />
      <div className="settings-layout">
        <nav className="side-nav" aria-label="Account settings">
          <NavLink to="/account/profile">Profile</NavLink>
          {isAdmin && (
            <>
              <NavLink to="/account/integrations">Integrations</NavLink>
              <NavLink to="/account/trash">Trash</NavLink>
              <NavLink to="/account/audit">Audit log</NavLink>
            </>
          )}
        </nav>
        <div className="settings-content">
          <Outlet />
        </div>
      </div>
    </div>
  );
}
