import { Navigate, Route, Routes } from 'react-router';
import { IntegrationsPage } from '../account/IntegrationsPage';
import { ManageDataPage } from '../manage/ManageDataPage';
import { ManagedRecordsPage } from '../manage/ManagedRecordsPage';
import { ErrorInboxPage } from './errors/ErrorInboxPage';
import { MatchReviewPage } from './matches/MatchReviewPage';
import { OverviewPage } from './overview/OverviewPage';
import { integrationPaths } from './paths';
import { RunDetailPage } from './runs/RunDetailPage';
import { RunHistoryPage } from './runs/RunHistoryPage';
import { SyncSettingsPage } from './settings/SyncSettingsPage';

/**
 * Everything under /account/integrations. Only administrators come here, so the App loads this area on demand
 * rather than making every user download it.
 */
export default function IntegrationRoutes() {
  return (
    <Routes>
      <Route element={<IntegrationsPage />}>
        <Route index element={<OverviewPage />} />
        <Route path="settings" element={<SyncSettingsPage />} />
        <Route path="matches" element={<MatchReviewPage />} />
        <Route path="runs" element={<RunHistoryPage />} />
        <Route path="runs/:runId" element={<RunDetailPage />} />
        <Route path="errors" element={<ErrorInboxPage />} />
        <Route path="manage" element={<ManageDataPage />} />
        <Route path="manage/records" element={<ManagedRecordsPage />} />
        <Route path="*" element={<Navigate to={integrationPaths.root} replace />} />
      </Route>
    </Routes>
  );
}
