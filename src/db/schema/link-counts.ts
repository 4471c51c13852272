import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { linkStateEnum, orphanReasonEnum, recordKindEnum } from './enums.js';

/**
 * psa_links counted per (integration, kind, PSA type, PSA status, state, reason), so that the Manage Data summary
 * reads a few hundred rows instead of grouping a million links. Kept exact by statement-level triggers on psa_links
 * (migration 0005): each statement appends its net change as delta rows, never updating a shared row, so concurrent
 * writers neither wait on nor deadlock over a counter. The summary sums the deltas and now and then folds them up.
 * No foreign keys: it is derived data, and the cascaded delete of an account's links must still be able to write.
 */
export const psaLinkCounts = pgTable(
  'psa_link_counts',
  {
    accountId: uuid('account_id').notNull(),
    integrationId: uuid('integration_id').notNull(),
    kind: recordKindEnum('kind').notNull(),
    psaTypeId: text('psa_type_id'),
    psaStatusId: text('psa_status_id'),
    state: linkStateEnum('state').notNull(),
    orphanReason: orphanReasonEnum('orphan_reason'),
    /** The change in the number of links with these values (negative for removals). */
    n: integer('n').notNull(),
  },
  (t) => [index('psa_link_counts_account_idx').on(t.accountId, t.integrationId)],
);
