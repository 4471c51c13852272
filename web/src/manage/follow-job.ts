import { api, ApiError } from '../api/client';
import type { JobAccepted, ManageJob } from '../api/manage';

const POLL_MS = 400;

const isJobAccepted = (answer: unknown): answer is JobAccepted =>
  typeof answer === 'object' && answer !== null && 'job' in answer && typeof (answer as JobAccepted).job?.id === 'string';

/**
 * An execute call answers with its result, or (a large action) with a job to follow. Either way this resolves with
 * the result, or fails with the action's own error, so screens handle both alike; `onJob` sees each step of a job.
 */
export async function followJob<T>(answer: T | JobAccepted, onJob: (job: ManageJob | null) => void): Promise<T> {
  if (!isJobAccepted(answer)) return answer;
  let job = answer.job;
  try {
    while (job.status === 'queued' || job.status === 'running') {
      onJob(job);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await api.get<ManageJob>(`/manage/jobs/${job.id}`);
    }
  } finally {
    onJob(null);
  }
  if (job.status === 'failed') {
    const error = job.error ?? { code: 'internal_error', message: 'The action failed; nothing was changed.' };
    throw new ApiError(409, error.code, error.message);
  }
  return job.result as T;
}
