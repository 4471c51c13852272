import { useOutletContext } from 'react-router';
import type { Integration, SyncRun } from '../api/integrations';

/** What the integration layout hands to each tab: the integration, and a way to show a run in the progress panel. */
export interface IntegrationContext {
  integration: Integration;
  followRun: (run: SyncRun) => void;
}

export const useIntegrationContext = () => useOutletContext<IntegrationContext>();
