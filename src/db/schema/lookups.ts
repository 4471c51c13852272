import { sql } from 'drizzle-orm';
import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts.js';
import { createdAt, id } from './columns.js';

/**
 * The five type/status lookup lists share one shape. They are separate tables (not one table with a "list"
 * column) so that a configuration's type can only reference a configuration type.
 */
function lookupTable<N extends string>(name: N) {
  return pgTable(
    name,
    {
      id: id(),
      accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
      name: text('name').notNull(),
      createdAt: createdAt(),
    },
    (t) => [uniqueIndex(`${name}_account_name_key`).on(t.accountId, sql`lower(${t.name})`)],
  );
}

export const organizationTypes = lookupTable('organization_types');
export const organizationStatuses = lookupTable('organization_statuses');
export const configurationTypes = lookupTable('configuration_types');
export const configurationStatuses = lookupTable('configuration_statuses');
export const contactTypes = lookupTable('contact_types');
