import { timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * Timestamps keep milliseconds, not PostgreSQL's default microseconds: JavaScript Dates and the API's ISO strings
 * have milliseconds, and a keyset cursor on a timestamp must compare exactly what the client saw.
 */
export const tstz = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Columns every table shares: its own id and when it was created/changed. */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => tstz('created_at').notNull().defaultNow();
export const updatedAt = () => tstz('updated_at').notNull().defaultNow();
