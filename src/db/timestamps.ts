import { sql, type SQL } from 'drizzle-orm';

/** A timestamp column as the API's ISO string (UTC, milliseconds), computed in SQL; null stays null. */
export const isoColumn = (column: string): SQL => sql`to_char(${sql.identifier(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A timestamp as a driver returns it (a Date from pg, a string or Date from PGlite) as the API's ISO string. */
export const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());
