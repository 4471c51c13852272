import { Navigate, useLocation } from 'react-router';
import { usePermissions } from '../auth/session';
import { ConnectPage } from '../integrations/connect/ConnectPage';
import { useIntegrations } from '../integrations/hooks/use-integration';
import { IntegrationLayout } from '../integrations/IntegrationLayout';
import { integrationPaths } from '../integrations/paths';
import { useDocumentTitle } from '../ui/hooks';
import { EmptyState, ErrorState, LoadingState } from '../ui/States';

/**
 * Account → Integrations: connect the PSA when there is none, otherwise the integration with its tabs. An account
 * has at most one integration, so the routes carry no id.
 */
export function IntegrationsPage() {
  useDocumentTitle('Integrations');
  const { isAdmin } = usePermissions();
  if (!isAdmin) {
    return <EmptyState title="Integrations are for administrators">Ask an administrator of your account to connect or change the PSA.</EmptyState>;
  }
  return <AdminIntegrations />;
}

function AdminIntegrations() {
  const list = useIntegrations();
  const { pathname } = useLocation();
  if (list.isPending) return <LoadingState label="Loading the integration…" />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const integration = list.data.items[0];
  if (!integration) {
    // The tabs' addresses mean nothing without an integration (for example right after removing it).
    if (pathname.replace(/\/$/, '') !== integrationPaths.root) return <Navigate to={integrationPaths.root} replace />;
    return <ConnectPage />;
  }
  return <IntegrationLayout integration={integration} />;
}
