import { z } from 'zod';
import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { sendCsv, type CsvColumn } from '../http/csv.js';
import { errorResponses } from '../http/schemas.js';
import { getManageSummary } from './get-manage-summary.js';
import { listAuditEvents, openAuditEvents } from './list-audit-events.js';
import { listManagedRecords, openManagedRecords } from './list-managed-records.js';
import { auditEventDto, auditQuery, managedRecordDto, recordsQuery, summaryDto, type AuditEventDto, type ManagedRecord } from './manage.schemas.js';

const csvResponse = z.string().describe('RFC 4180 CSV with a header row; cells starting with = + - @ are prefixed with a single quote');
const recordsCsvQuery = recordsQuery.omit({ limit: true, cursor: true });
const auditCsvQuery = auditQuery.omit({ limit: true, cursor: true });
const today = () => new Date().toISOString().slice(0, 10);

const recordColumns: CsvColumn<ManagedRecord>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'kind', value: (r) => r.kind },
  { header: 'name', value: (r) => r.name },
  { header: 'organization_id', value: (r) => r.organization?.id },
  { header: 'organization', value: (r) => r.organization?.name },
  { header: 'psa_id', value: (r) => r.externalId },
  { header: 'psa_type', value: (r) => r.psaType },
  { header: 'psa_status', value: (r) => r.psaStatus },
  { header: 'state', value: (r) => r.state },
  { header: 'orphan_reason', value: (r) => r.orphanReasonText },
  { header: 'orphaned_at', value: (r) => r.orphanedAt },
  { header: 'last_synced_at', value: (r) => r.lastSyncedAt },
  { header: 'error_code', value: (r) => r.lastError?.code },
  { header: 'error_message', value: (r) => r.lastError?.message },
  { header: 'error_at', value: (r) => r.lastError?.at },
];

const auditColumns: CsvColumn<AuditEventDto>[] = [
  { header: 'id', value: (e) => e.id },
  { header: 'at', value: (e) => e.at },
  { header: 'actor_type', value: (e) => e.actorType },
  { header: 'actor', value: (e) => e.actorLabel },
  { header: 'action', value: (e) => e.action },
  { header: 'target_type', value: (e) => e.targetType },
  { header: 'target_id', value: (e) => e.targetId },
  { header: 'counts', value: (e) => JSON.stringify(e.counts) },
  { header: 'details', value: (e) => JSON.stringify(e.details) },
  { header: 'trash_batch_id', value: (e) => e.trashBatchId },
];

/** Manage Data's read side (summary, record lists, exports) and the audit log. Admins only, scoped to the caller's account. */
export function registerManageRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');
  const db = ctx.database.db;

  app.get('/manage/summary', {
    schema: {
      tags: ['Manage Data'],
      summary: 'The three sections as counts: synced items per kind and scope, orphaned data per type and reason, disconnected data per type',
      response: { 200: summaryDto, ...errorResponses },
    },
    preHandler: admin,
    handler: (request) => getManageSummary({ db, accountId: callerOf(request).accountId }),
  });

  app.get('/manage/records', {
    schema: {
      tags: ['Manage Data'],
      summary: 'Linked records of a kind with their link state, orphan reason and age, last sync and last error; filtered, sorted, keyset-paginated',
      querystring: recordsQuery,
      response: { 200: z.object({ items: z.array(managedRecordDto), nextCursor: z.string().nullable() }).describe('ManagedRecordPage'), ...errorResponses },
    },
    preHandler: admin,
    handler: (request) => {
      const { limit, cursor, ...query } = request.query;
      return listManagedRecords({ db, accountId: callerOf(request).accountId, query, limit, cursor });
    },
  });

  app.get('/manage/records.csv', {
    schema: {
      tags: ['Manage Data'],
      summary: 'Every record matching the same filters as /manage/records, as CSV (not just one page)',
      querystring: recordsCsvQuery,
      produces: ['text/csv'],
      response: { 200: csvResponse, ...errorResponses },
    },
    preHandler: admin,
    handler: async (request, reply) => {
      const rows = await openManagedRecords({ db, accountId: callerOf(request).accountId, query: request.query });
      return sendCsv(reply, `psalink-${request.query.kind}-records-${today()}.csv`, rows, recordColumns);
    },
  });

  app.get('/audit', {
    schema: {
      tags: ['Audit log'],
      summary: 'Audit events of the account, newest first: filter by actor, action and time',
      querystring: auditQuery,
      response: { 200: z.object({ items: z.array(auditEventDto), nextCursor: z.string().nullable() }).describe('AuditEventPage'), ...errorResponses },
    },
    preHandler: admin,
    handler: (request) => {
      const { limit, cursor, ...filter } = request.query;
      return listAuditEvents({ db, accountId: callerOf(request).accountId, filter, limit, cursor });
    },
  });

  app.get('/audit.csv', {
    schema: {
      tags: ['Audit log'],
      summary: 'Every audit event matching the same filters as /audit, as CSV',
      querystring: auditCsvQuery,
      produces: ['text/csv'],
      response: { 200: csvResponse, ...errorResponses },
    },
    preHandler: admin,
    handler: async (request, reply) => {
      const rows = await openAuditEvents({ db, accountId: callerOf(request).accountId, filter: request.query });
      return sendCsv(reply, `psalink-audit-${today()}.csv`, rows, auditColumns);
    },
  });
}
