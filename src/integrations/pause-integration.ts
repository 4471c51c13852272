import type { IntegrationRow } from './integration-store.js';
import { setIntegrationStatus, type SetIntegrationStatusOptions } from './set-integration-status.js';

export type PauseIntegrationOptions = SetIntegrationStatusOptions;

/** Stops scheduled and manual syncs of the whole integration; links and scopes stay as they are. */
export function pauseIntegration(options: PauseIntegrationOptions): Promise<IntegrationRow> {
  return setIntegrationStatus(options, 'paused');
}
