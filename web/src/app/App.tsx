import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactElement } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useParams } from 'react-router';
import { AccountLayout } from '../account/AccountLayout';
import { ProfilePage } from '../account/ProfilePage';
import { RequireSession } from '../auth/RequireSession';
import { usePermissions } from '../auth/session';
import { SignInPage } from '../auth/SignInPage';
import { ConfigurationEditPage } from '../configurations/ConfigurationEditPage';
import { ConfigurationPage } from '../configurations/ConfigurationPage';
import { ContactEditPage } from '../contacts/ContactEditPage';
import { ContactPage } from '../contacts/ContactPage';
import { DocumentEditPage } from '../documents/DocumentEditPage';
import { DocumentPage } from '../documents/DocumentPage';
import { OrganizationEditPage } from '../organizations/OrganizationEditPage';
import { OrganizationPage } from '../organizations/OrganizationPage';
import { OrganizationsPage } from '../organizations/OrganizationsPage';
import { PasswordEditPage } from '../passwords/PasswordEditPage';
import { PasswordPage } from '../passwords/PasswordPage';
import { paths } from '../records/kinds';
import { LoadingState } from '../ui/States';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';
import { createQueryClient } from './query-client';

// The integrations area is for administrators only: loaded when first opened.
const IntegrationRoutes = lazy(() => import('../integrations/IntegrationRoutes'));
const TrashPage = lazy(() => import('../manage/TrashPage').then((m) => ({ default: m.TrashPage })));
const TrashBatchPage = lazy(() => import('../manage/TrashBatchPage').then((m) => ({ default: m.TrashBatchPage })));
const AuditLogPage = lazy(() => import('../manage/AuditLogPage').then((m) => ({ default: m.AuditLogPage })));

export function App() {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route
            element={
              <RequireSession>
                <AppShell />
              </RequireSession>
            }
          >
            <Route index element={<Navigate to="/organizations" replace />} />
            <Route path="organizations" element={<OrganizationsPage />} />
            <Route path="organizations/new" element={<OrganizationEditPage />} />
            <Route path="organizations/:id" element={<OrganizationIndex />} />
            <Route path="organizations/:id/edit" element={<OrganizationEditPage />} />
            <Route path="organizations/:id/:tab" element={<OrganizationPage />} />
            {recordRoutes('configurations', <ConfigurationPage />, <ConfigurationEditPage />)}
            {recordRoutes('contacts', <ContactPage />, <ContactEditPage />)}
            {recordRoutes('passwords', <PasswordPage />, <PasswordEditPage />)}
            {recordRoutes('documents', <DocumentPage />, <DocumentEditPage />)}
            <Route path="account" element={<AccountLayout />}>
              <Route index element={<AccountIndex />} />
              <Route path="profile" element={<ProfilePage />} />
              <Route path="trash" element={<Lazy page={<TrashPage />} />} />
              <Route path="trash/:id" element={<Lazy page={<TrashBatchPage />} />} />
              <Route path="audit" element={<Lazy page={<AuditLogPage />} />} />
              <Route
                path="integrations/*"
                element={
                  <Suspense fallback={<LoadingState />}>
                    <IntegrationRoutes />
                  </Suspense>
                }
              />
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </QueryClientProvider>
  );
}

/** `/<kind>/new`, `/<kind>/:id` and `/<kind>/:id/edit`; the edit page also creates. */
function recordRoutes(kind: string, view: ReactElement, edit: ReactElement) {
  return [
    <Route key={`${kind}-new`} path={`${kind}/new`} element={edit} />,
    <Route key={`${kind}-view`} path={`${kind}/:id`} element={view} />,
    <Route key={`${kind}-edit`} path={`${kind}/:id/edit`} element={edit} />,
  ];
}

/** Admin-only pages load when first opened. */
const Lazy = ({ page }: { page: ReactElement }) => <Suspense fallback={<LoadingState />}>{page}</Suspense>;

function OrganizationIndex() {
  const { id } = useParams();
  return <Navigate to={paths.organization(id ?? '')} replace />;
}

function AccountIndex() {
  const { isAdmin } = usePermissions();
  return <Navigate to={isAdmin ? '/account/integrations' : '/account/profile'} replace />;
}
