import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { AlertIcon } from './icons';

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="state state-error" role="alert">
      <AlertIcon width={20} height={20} />
      <div>
        <strong>{notFound ? 'Not found' : 'Something went wrong'}</strong>
        <p>{errorMessage(error)}</p>
        {onRetry && !notFound && (
          <button type="button" className="btn btn-secondary btn-sm" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </div>
  );
}

export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      {icon && <div className="empty-state-icon">{icon}</div>}
      <h2>{title}</h2>
      {children && <div className="empty-state-text">{children}</div>}
      {action && <div className="empty-state-action">{action}</div>}
    </div>
  );
}

export function errorMessage(error: unknown) {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again in a moment.';
}
