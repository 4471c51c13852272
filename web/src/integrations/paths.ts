/** Where each screen of the integrations area lives, under the account settings. */
const root = '/account/integrations';

export const integrationPaths = {
  root,
  overview: root,
  settings: `${root}/settings`,
  matches: `${root}/matches`,
  runs: `${root}/runs`,
  run: (runId: string) => `${root}/runs/${runId}`,
  errors: `${root}/errors`,
  manage: `${root}/manage`,
};
