import { useState } from 'react';
import { Link } from 'react-router';
import { useIntegrationContext } from '../integrations/integration-context';
import { useDocumentTitle } from '../ui/hooks';
import { ErrorState, LoadingState } from '../ui/States';
import { useManageSummary } from './hooks';
import { managePaths } from './paths';
import { ActionNotice, type ResultNotice } from './PreviewParts';
import { DisconnectedSection } from './sections/DisconnectedSection';
import { OrphanedSection } from './sections/OrphanedSection';
import { SyncedSection } from './sections/SyncedSection';
import { SyncLegend } from './SyncStateIcon';

/** Account → Integrations → Manage Data: Synced Items, Orphaned Data and Disconnected Data, each with its actions. */
export function ManageDataPage() {
  const { integration } = useIntegrationContext();
  useDocumentTitle(`Manage Data · ${integration.name}`);
  const summary = useManageSummary();
  const [notice, setNotice] = useState<ResultNotice | null>(null);
  if (summary.isPending) return <LoadingState label="Counting synced, orphaned and disconnected data…" />;
  if (summary.isError) return <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />;
  return (
    <div className="manage-data">
      <div className="manage-intro">
        <p className="muted tab-intro">
          All PSA-related data in one place: what syncs, what the PSA no longer has, and what you stopped syncing. Every delete goes to the{' '}
          <Link to={managePaths.trash}>trash</Link> first, and every action is in the <Link to={managePaths.audit}>audit log</Link>.
        </p>
        <SyncLegend />
      </div>
      <ActionNotice notice={notice} onDismiss={() => setNotice(null)} />
      <SyncedSection summary={summary.data} onNotice={setNotice} />
      <OrphanedSection rows={summary.data.orphaned} onNotice={setNotice} />
      <DisconnectedSection rows={summary.data.disconnected} onNotice={setNotice} />
    </div>
  );
}
