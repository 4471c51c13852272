import type { ReactNode } from 'react';
import { Link } from 'react-router';

export interface Crumb {
  label: string;
  to: string;
}

interface Props {
  crumbs?: Crumb[];
  title: ReactNode;
  /** Small line under the title: badges, dates. */
  meta?: ReactNode;
  actions?: ReactNode;
  icon?: ReactNode;
  children?: ReactNode;
}

export function PageHeader({ crumbs, title, meta, actions, icon, children }: Props) {
  return (
    <header className="page-header">
      {crumbs && crumbs.length > 0 && (
        <nav aria-label="Breadcrumb" className="breadcrumbs">
          <ol>
            {crumbs.map((crumb) => (
              <li key={crumb.to}>
                <Link to={crumb.to}>{crumb.label}</Link>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <div className="page-header-row">
        {icon && <div className="page-header-icon">{icon}</div>}
        <div className="page-header-text">
          <h1>{title}</h1>
          {meta && <div className="page-header-meta">{meta}</div>}
        </div>
        {actions && <div className="page-header-actions">{actions}</div>}
      </div>
      {children}
    </header>
  );
}
