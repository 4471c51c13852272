import { sql, type SQL } from 'drizzle-orm';

/**
 * A list of values as one SQL array parameter, sent as JSON so both drivers bind it the same way. Written as
 * `column = any(${textArray(ids)})`, PostgreSQL turns it into an index condition even when the table's statistics
 * are stale (right after a bulk load), where `in (select …)` plans a nested loop over the whole table.
 */
export const textArray = (values: readonly string[]): SQL => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
export const uuidArray = (values: readonly string[]): SQL => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb)::uuid)`;
