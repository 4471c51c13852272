import { randomBytes } from 'node:crypto';
import { getManageSummary } from '../../src/manage/get-manage-summary.js';
import { listManagedRecords } from '../../src/manage/list-managed-records.js';
import type { RecordsFilter } from '../../src/manage/manage.schemas.js';
import { previewDeleteOrphans } from '../../src/manage/preview-delete-orphans.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import type { ManageFixture } from '../manage-fixture.js';
import { assertFinite, measure, printTargets, type TargetRow } from '../targets.js';

export interface ManageBenchResult {
  scale: string;
  engine: string;
  configurations: number;
  figures: TargetRow[];
}

const PAGE = 50;
const DEEP_PAGES = 50;
const byName: RecordsFilter = { kind: 'configuration', sort: 'name', order: 'asc' };

/**
 * Scenario 3: the Manage Data read side at scale, through the use cases its routes call. Warm cache: every figure
 * follows one unmeasured call. Sanity: the summary's counts are the fixture's, pages are full, the search finds.
 */
export async function benchManageData(o: { fixture: ManageFixture; scale: string; repetitions: number; quiet?: boolean }): Promise<ManageBenchResult> {
  const { database, accountId, sizes } = o.fixture;
  const db = database.db;
  const ctx = { database, secretBox: new SecretBox(randomBytes(32)) };
  const reps = Math.max(o.repetitions, 5);

  const summary = await measure(reps, () => getManageSummary({ db, accountId }), (s) => {
    const configurations = s.synced.find((k) => k.kind === 'configuration')!.counts;
    if (configurations.total !== sizes.configurations || configurations.orphaned !== sizes.orphanedConfigurations) {
      throw new Error(`summary counts ${JSON.stringify(configurations)} do not match the fixture (${sizes.configurations}, ${sizes.orphanedConfigurations} orphaned)`);
    }
  });
  const fullPage = (page: { items: unknown[] }) => {
    if (page.items.length !== PAGE) throw new Error(`a page had ${page.items.length} records, not ${PAGE}`);
  };
  const first = await measure(reps, () => listManagedRecords({ db, accountId, query: byName, limit: PAGE }), fullPage);
  // The cursor after 50 pages, followed once; the measured call is the 51st page.
  let cursor: string | undefined;
  for (let i = 0; i < DEEP_PAGES; i++) cursor = (await listManagedRecords({ db, accountId, query: byName, limit: PAGE, cursor })).nextCursor ?? undefined;
  if (!cursor) throw new Error('the list ended before the deep page');
  const deep = await measure(reps, () => listManagedRecords({ db, accountId, query: byName, limit: PAGE, cursor }), fullPage);
  const broad = await measure(reps, () => listManagedRecords({ db, accountId, query: { ...byName, q: 'optiplex' }, limit: PAGE }), fullPage);
  const narrow = await measure(reps, () => listManagedRecords({ db, accountId, query: { ...byName, q: '00123' }, limit: PAGE }), (page) => {
    if (page.items.length === 0 || !page.items.every((r) => r.name.includes('00123') || r.externalId.includes('00123'))) throw new Error('the narrow search found nothing or the wrong records');
  });
  const preview = await measure(o.repetitions, () => previewDeleteOrphans({ ctx, accountId, kind: 'configuration' }), (p) => {
    const expected = sizes.orphanedConfigurations;
    if (p.counts.configurations.total !== expected || p.counts.passwords.total !== expected || p.counts.documents.total !== expected || p.links !== expected) {
      throw new Error(`the Delete All preview counts ${JSON.stringify(p.counts)} do not match ${expected} orphans`);
    }
  });

  const figures: TargetRow[] = [
    { name: 'summary', ms: summary, targetMs: 50 },
    { name: 'list, first page', ms: first, targetMs: 50 },
    { name: `list, page ${DEEP_PAGES + 1} (keyset)`, ms: deep, targetMs: 50 },
    { name: 'search "optiplex" (10% match)', ms: broad, targetMs: 150 },
    { name: 'search "00123" (few match)', ms: narrow, targetMs: 150 },
    { name: `preview Delete All (${sizes.orphanedConfigurations.toLocaleString('en-US')} orphans)`, ms: preview, targetMs: 300 },
  ];
  figures.forEach(assertFinite);
  if (!o.quiet) printTargets(`Manage Data at ${sizes.configurations.toLocaleString('en-US')} configurations / ${sizes.organizations.toLocaleString('en-US')} organizations (${o.fixture.engine}, ${o.scale})`, figures);
  return { scale: o.scale, engine: o.fixture.engine, configurations: sizes.configurations, figures };
}
