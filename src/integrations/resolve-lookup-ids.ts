import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { syncScopes } from '../db/schema/index.js';
import type { RecordKind } from '../psa/canonical.js';
import { lookupTableOf, scopeLists, type ScopeDimension } from './scope-lists.js';

export const lookupIdKey = (kind: RecordKind, dimension: ScopeDimension, externalId: string) => `${kind}:${dimension}:${externalId}`;

export interface LookupIds {
  /** psalink's lookup id for a PSA type or status of a kind, or undefined when the PSA never listed it. */
  get(kind: RecordKind, dimension: ScopeDimension, externalId: string): string | undefined;
  readonly size: number;
}

export interface ResolveLookupIdsOptions {
  db: Db;
  accountId: string;
  integrationId: string;
}

/**
 * For the sync engine: which psalink type/status a PSA type/status id maps to, matched by name (case-insensitive).
 * Names missing from psalink's lists (a value renamed in psalink, or a scope older than the list) are added first,
 * so every scope resolves. A few set-based statements per list, whatever the number of records.
 */
export async function resolveLookupIds(options: ResolveLookupIdsOptions): Promise<LookupIds> {
  const { db, accountId, integrationId } = options;
  const ids = new Map<string, string>();
  for (const { kind, dimension, list } of scopeLists) {
    const table = lookupTableOf(list);
    const ofList = and(
      eq(syncScopes.accountId, accountId),
      eq(syncScopes.integrationId, integrationId),
      eq(syncScopes.kind, kind),
      eq(syncScopes.dimension, dimension),
    );
    await db.execute(sql`
      insert into ${table} (account_id, name)
      select distinct ${syncScopes.accountId}, ${syncScopes.name} from ${syncScopes} where ${ofList}
      on conflict do nothing`);
    const rows = await db
      .select({ externalId: syncScopes.externalId, id: table.id })
      .from(syncScopes)
      .innerJoin(table, and(eq(table.accountId, syncScopes.accountId), sql`lower(${table.name}) = lower(${syncScopes.name})`))
      .where(ofList);
    for (const row of rows) ids.set(lookupIdKey(kind, dimension, row.externalId), row.id);
  }
  return { get: (kind, dimension, externalId) => ids.get(lookupIdKey(kind, dimension, externalId)), size: ids.size };
}
