/**
 * The naive baseline, measured in its own process: the same first sync done the way common sync libraries do it —
 * one record at a time, each in its own transaction: look up its link and its parent, upsert the record, upsert the
 * link. Same connector, same pages, same scopes and filters, same tables and indexes as psalink's sync; only the
 * write path differs.
 *
 * Large scales would take too long, so with `stride` > 1 it lists everything but writes a sample: every stride-th
 * organization and the children of those, and extrapolates each kind's write time from its measured per-record rate
 * (the sample's smaller tables make that, if anything, an underestimate). Prints
 * {eligible, written, rows, setupSeconds, loopSeconds, writeSeconds, estimatedSeconds, peakRssMb} as its last line.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../src/db/database.js';
import { connectorForIntegration } from '../src/integrations/integration-connector.js';
import { findIntegration } from '../src/integrations/integration-store.js';
import { refreshScopes } from '../src/integrations/refresh-scopes.js';
import { parseSyncSettings } from '../src/integrations/sync-settings.js';
import { resolveLookupIds, type LookupIds } from '../src/integrations/resolve-lookup-ids.js';
import type { CanonicalRecord, RecordKind } from '../src/psa/canonical.js';
import { SecretBox } from '../src/shared/secret-box.js';
import { payloadHash } from '../src/sync/domain/payload-hash.js';
import { effectiveScope } from '../src/sync/domain/plan-record.js';
import { validateRecord } from '../src/sync/domain/validate-record.js';
import { kindOrder } from '../src/sync/engine/run-sync.js';
import { loadScopeStates, scopeKey } from '../src/sync/engine/load-state.js';
import { recordRow, recordTables } from '../src/sync/engine/record-columns.js';
import { openBenchDatabase } from './bench-database.js';

const [accountId, integrationId, secretKey, strideArg] = process.argv.slice(2) as [string, string, string, string];
const stride = Math.max(1, Number(strideArg) || 1);
const database = await openBenchDatabase();
const ctx = { database, secretBox: new SecretBox(Buffer.from(secretKey, 'base64')) };
const db = database.db;

try {
  const setupStarted = performance.now();
  const integration = await findIntegration(db, accountId, integrationId);
  const connector = connectorForIntegration(ctx.secretBox, integration, {});
  // The same preparation psalink's run does: the PSA's types and statuses, mapped to psalink's lists.
  await refreshScopes({ ctx, accountId, integrationId, connector });
  const lookups = await resolveLookupIds({ db, accountId, integrationId });
  const scopes = await loadScopeStates(db, integrationId);
  const { contactsEnabled } = parseSyncSettings(integration.settings);
  const setupSeconds = (performance.now() - setupStarted) / 1000;

  const eligible: Partial<Record<RecordKind, number>> = {};
  const written: Partial<Record<RecordKind, number>> = {};
  const writeSeconds: Partial<Record<RecordKind, number>> = {};
  /** PSA company ids psalink would sync (eligible) and the ones this run wrote (sampled). */
  const eligibleOrgs = new Set<string>();
  const sampledOrgs = new Set<string>();
  const loopStarted = performance.now();
  for (const kind of kindOrder) {
    const scopeState = (dimension: 'type' | 'status', id: string) => scopes.get(scopeKey(kind, dimension, id)) ?? 'excluded';
    let n = 0;
    for await (const page of connector.listRecords(kind)) {
      for (const record of page) {
        // psalink's filters, so that both write the same rows: in scope, live, valid, parent synced.
        if (effectiveScope(record.type?.id ?? null, record.status?.id ?? null, { kindEnabled: kind !== 'contact' || contactsEnabled, scopeState }) !== 'enabled') continue;
        if (record.deleted || !record.active || validateRecord(record)) continue;
        if (kind !== 'organization' && !eligibleOrgs.has(record.parentExternalId!)) continue;
        n++;
        const sampled = kind === 'organization' ? (n - 1) % stride === 0 : sampledOrgs.has(record.parentExternalId!);
        if (kind === 'organization') eligibleOrgs.add(record.externalId);
        if (!sampled) continue;
        const started = performance.now();
        if (!(await upsertOne(db, record, lookups))) throw new Error(`the parent of ${kind} ${record.externalId} was not written`);
        writeSeconds[kind] = (writeSeconds[kind] ?? 0) + (performance.now() - started) / 1000;
        written[kind] = (written[kind] ?? 0) + 1;
        if (kind === 'organization') sampledOrgs.add(record.externalId);
      }
    }
    eligible[kind] = n;
  }
  const loopSeconds = (performance.now() - loopStarted) / 1000;
  const sampledWrites = Object.values(writeSeconds).reduce((a, b) => a + b, 0);
  const allWrites = kindOrder.reduce((sum, k) => sum + (written[k] ? (writeSeconds[k]! / written[k]!) * eligible[k]! : 0), 0);
  const [count] = await queryRows<{ rows: number }>(db, sql`select count(*)::int as rows from psa_links where integration_id = ${integrationId}`);
  console.log(JSON.stringify({
    eligible, written, rows: count!.rows, setupSeconds, loopSeconds, writeSeconds,
    estimatedSeconds: setupSeconds + loopSeconds - sampledWrites + allWrites,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }));
} finally {
  await database.close();
}

/** One record, one transaction: what an ORM-style `upsert(record)` amounts to. False when its parent is not synced. */
async function upsertOne(db: Db, record: CanonicalRecord, lookups: LookupIds): Promise<boolean> {
  const { table, columns } = recordTables[record.kind];
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    let organizationId: string | null = null;
    if (record.kind !== 'organization') {
      const [parent] = await queryRows<{ record_id: string }>(t, sql`
        select record_id from psa_links where integration_id = ${integrationId} and kind = 'organization' and external_id = ${record.parentExternalId} and state = 'syncing'`);
      if (!parent) return false;
      organizationId = parent.record_id;
    }
    const [link] = await queryRows<{ record_id: string }>(t, sql`
      select record_id from psa_links where integration_id = ${integrationId} and kind = ${record.kind} and external_id = ${record.externalId}`);
    const row = recordRow(record.kind, link?.record_id ?? crypto.randomUUID(), record, { organizationId, lookups });
    const names = columns.map((c) => c.name);
    const values = sql.join(names.map((n) => sql`${row[n]}`), sql`, `);
    await t.execute(sql`
      insert into ${sql.identifier(table)} (id, account_id, ${sql.raw(names.join(', '))}) values (${row.id}, ${accountId}, ${values})
      on conflict (id) do update set ${sql.raw(names.map((n) => `${n} = excluded.${n}`).join(', '))}, updated_at = now()`);
    await t.execute(sql`
      insert into psa_links (account_id, integration_id, kind, external_id, record_id, state, psa_type_id, psa_status_id, psa_parent_id, psa_updated_at, payload_hash, last_synced_at)
      values (${accountId}, ${integrationId}, ${record.kind}, ${record.externalId}, ${row.id}, 'syncing', ${record.type?.id ?? null}, ${record.status?.id ?? null},
        ${record.parentExternalId}, ${record.updatedAt}, ${payloadHash(record)}, now())
      on conflict (integration_id, kind, external_id) do update set state = 'syncing', psa_type_id = excluded.psa_type_id,
        psa_status_id = excluded.psa_status_id, psa_parent_id = excluded.psa_parent_id, psa_updated_at = excluded.psa_updated_at,
        payload_hash = excluded.payload_hash, last_synced_at = now(), updated_at = now()`);
    return true;
  });
}
