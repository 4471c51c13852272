import { useMutation } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { api } from '../api/client';
import { roleLabel, useSession } from '../auth/session';

/** Top bar (product, main navigation, who is signed in) above every signed-in page. */
export function AppShell() {
  const session = useSession().data;
  const { pathname } = useLocation();
  const signOut = useMutation({
    mutationFn: () => api.post('/auth/sign-out'),
    // A full page load forgets every cached record and the CSRF token in one go.
    onSettled: () => window.location.assign('/sign-in'),
  });
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <div className="container topbar-inner">
          <Link to="/organizations" className="brand">
            <span className="brand-mark" aria-hidden="true">
              p
            </span>
            psalink
          </Link>
          <nav className="topnav" aria-label="Main">
            <NavLink to="/organizations" className={({ isActive }) => (isActive || inOrganizations(pathname) ? 'active' : undefined)}>
              Organizations
            </NavLink>
            <NavLink to="/account">Account</NavLink>
          </nav>
          <div className="topbar-user">
            {session && (
              <span className="user-chip" title={session.account.name}>
                <span className="user-email">{session.user.email}</span>
                <span className="user-role">{roleLabel[session.user.role]}</span>
              </span>
            )}
            <button type="button" className="btn btn-topbar" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="main container" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** Records live inside organizations, so their pages keep "Organizations" highlighted. */
const inOrganizations = (pathname: string) => /^\/(configurations|contacts|passwords|documents)(\/|$)/.test(pathname);
