/** Query keys of the integrations area, in one place so that invalidations cannot drift from the queries. */
export const integrationKeys = {
  list: ['integrations', 'list'] as const,
  one: (id: string) => ['integrations', id] as const,
  runs: (id: string) => ['integrations', id, 'runs'] as const,
  runList: (id: string) => ['integrations', id, 'runs', 'list'] as const,
  latestRun: (id: string) => ['integrations', id, 'runs', 'latest'] as const,
  run: (id: string, runId: string) => ['integrations', id, 'runs', 'one', runId] as const,
  matches: (id: string) => ['integrations', id, 'matches'] as const,
  syncErrors: ['sync-errors'] as const,
};
