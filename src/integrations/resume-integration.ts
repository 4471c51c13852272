import type { IntegrationRow } from './integration-store.js';
import { setIntegrationStatus, type SetIntegrationStatusOptions } from './set-integration-status.js';

export type ResumeIntegrationOptions = SetIntegrationStatusOptions;

/** Syncs run again on the schedule; the next run picks up from the last successful watermark. */
export function resumeIntegration(options: ResumeIntegrationOptions): Promise<IntegrationRow> {
  return setIntegrationStatus(options, 'active');
}
