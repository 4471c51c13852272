import type { ManageJobDto } from './manage-job-store.js';

/** One step of a large action: which part it is at, out of how many. */
export interface ManageJobProgress {
  done: number;
  total: number;
  step: string;
}

/** Called by an action as it moves from one step of its transaction to the next. */
export type ReportProgress = (progress: ManageJobProgress) => void;

/**
 * The jobs this process is running, in memory. An action runs in one transaction, which on PGlite holds the only
 * connection: its progress could neither be written to nor read from the database until it ends. The job route
 * answers from here first, so following a job never waits on the job itself.
 */
const running = new Map<string, { accountId: string; job: ManageJobDto }>();

export const progressBoard = {
  start(accountId: string, job: ManageJobDto) {
    running.set(job.id, { accountId, job });
  },
  report(jobId: string, progress: ManageJobProgress) {
    const entry = running.get(jobId);
    if (entry) entry.job = { ...entry.job, progress };
  },
  /** The job as it stands if this process runs it for that account (another account's id reads as unknown). */
  read(jobId: string, accountId: string): ManageJobDto | undefined {
    const entry = running.get(jobId);
    return entry?.accountId === accountId ? entry.job : undefined;
  },
  end(jobId: string) {
    running.delete(jobId);
  },
};

/** Numbers the steps of an action as it announces them: step(label) says "now at this one". No reporter: no-op. */
export function stepper(report: ReportProgress | undefined, total: number): (step: string) => void {
  let done = 0;
  return (step) => report?.({ done: done++, total, step });
}
