import { withQuery } from '../api/client';
import type { RecordsFilter } from '../api/manage';

/** Where the Manage Data screens live: inside the integration's tabs, the trash and audit log in the account menu. */
const root = '/account/integrations/manage';

export const managePaths = {
  root,
  records: (filter: Partial<RecordsFilter>) =>
    withQuery(`${root}/records`, { kind: filter.kind, scopeId: filter.scopeId, state: filter.state, reason: filter.reason, q: filter.q }),
  trash: '/account/trash',
  batch: (id: string) => `/account/trash/${id}`,
  audit: '/account/audit',
};

/** The CSV export of a list: the same filters as the list, every row (not one page). */
export const recordsCsvHref = (filter: RecordsFilter) =>
  withQuery('/api/v1/manage/records.csv', { ...filter } as Record<string, string | undefined>);
