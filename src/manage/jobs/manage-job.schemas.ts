import { z } from 'zod';
import { manageJobActions } from './manage-job-store.js';

export const jobParams = z.strictObject({ jobId: z.uuid() });

export const manageJob = z
  .object({
    id: z.uuid(),
    action: z.enum(manageJobActions).describe('orphans.delete: Delete All orphaned; scope.disconnect; trash.restore'),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    actor: z.string().describe('Who started it'),
    progress: z
      .object({ done: z.number().int(), total: z.number().int(), step: z.string().describe('What the action is doing now, in plain words') })
      .nullable(),
    result: z.unknown().describe("Once succeeded: exactly what the action's execute call answers when it runs in the request"),
    error: z.object({ code: z.string(), message: z.string() }).nullable().describe('Once failed: why; a failed job changed nothing'),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .describe('ManageJob');

/** What an execute call answers with 202 when the action is large enough to run as a job. */
export const jobAccepted = z.object({ job: manageJob }).describe('ManageJobAccepted');
