import { PsaError } from '../../psa/psa-error.js';
import { IdCoverage } from './halo-coverage.js';

export interface HaloPage<T> {
  records: T[];
  recordCount: number;
}

/** Fetches one page of a listing ordered by id (`order=id`), ascending or descending. */
export type FetchPage<T> = (page: { pageNo: number; pageSize: number; descending: boolean }) => Promise<HaloPage<T>>;

export interface ListByIdOptions {
  pageSize: number;
  /** Full passes over the listing before giving up on a PSA whose data keeps changing under it. */
  maxPasses?: number;
}

/**
 * Every record of a Halo listing exactly once, in pages, even when records are created or deleted between two pages.
 *
 * Halo pages by offset only (`page_no`/`page_size`), and offset paging drifts: a record deleted on an earlier page
 * shifts the rest left, so one record slips between two pages unseen. The listing is ordered by id, so new records only
 * ever append at the end; a pass is proven consistent when the record count and the highest id are the same before and
 * after it (equal count with no new id means nothing was added and nothing removed). When they differ, or a page's
 * count changes mid-pass, another pass runs; `IdCoverage` keeps it from returning anything a page already returned.
 */
export async function* listAllById<T extends { id: number }>(fetchPage: FetchPage<T>, options: ListByIdOptions): AsyncGenerator<T[]> {
  const { pageSize } = options;
  const maxPasses = options.maxPasses ?? 5;
  const covered = new IdCoverage();
  const probe = async () => {
    const newest = await fetchPage({ pageNo: 1, pageSize: 1, descending: true });
    return { count: newest.recordCount, maxId: newest.records[0]?.id ?? 0 };
  };

  for (let pass = 1; pass <= maxPasses; pass++) {
    const before = await probe();
    let consistent = true;
    for (let pageNo = 1; ; pageNo++) {
      const page = await fetchPage({ pageNo, pageSize, descending: false });
      assertAscending(page.records);
      const first = page.records[0];
      const last = page.records.at(-1);
      const fresh = page.records.filter((r) => !covered.has(r.id));
      if (first && last) covered.add(first.id, last.id);
      if (fresh.length > 0) yield fresh;
      if (page.recordCount !== before.count) {
        consistent = false;
        break;
      }
      if (page.records.length < pageSize || pageNo * pageSize >= page.recordCount) break;
    }
    if (!consistent) continue;
    const after = await probe();
    if (after.count === before.count && after.maxId === before.maxId) return;
  }
  throw new PsaError('transient', `HaloPSA data kept changing while it was being listed (${maxPasses} passes); the listing is incomplete. Try again later.`);
}

/** The whole scheme rests on the server honouring `order=id`; a listing out of order cannot be trusted. */
function assertAscending(records: { id: number }[]) {
  for (let i = 1; i < records.length; i++) {
    if (!(records[i]!.id > records[i - 1]!.id)) {
      throw new PsaError('bad_response', 'HaloPSA did not return the listing ordered by id as asked; it cannot be read completely.');
    }
  }
}
