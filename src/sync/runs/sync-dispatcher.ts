/**
 * How a queued run reaches a worker. The server hands it to the job queue (any process of the cluster may take it);
 * the CLI executes it itself. Routes only ever queue runs through this.
 */
export interface SyncDispatcher {
  dispatch(run: { id: string; integrationId: string }): Promise<void>;
}
