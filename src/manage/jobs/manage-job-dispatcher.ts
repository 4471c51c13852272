/**
 * How a queued Manage Data job reaches a worker. The server hands it to the job queue (any process may take it);
 * without a queue (tests, the CLI) it runs in this process, after the request that queued it has been answered.
 */
export interface ManageJobDispatcher {
  dispatch(jobId: string): Promise<void>;
}
