import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { configurations, contacts, documents, organizations, passwords, psaLinks } from '../db/schema/index.js';

/** The tables a record delete takes rows from, parents first: the order restore inserts them in. */
export const trashTableNames = ['organizations', 'configurations', 'contacts', 'passwords', 'documents', 'psa_links'] as const;
export type TrashTable = (typeof trashTableNames)[number];

/** Record tables, as the preview counts them. */
export const recordTables = ['organizations', 'configurations', 'contacts', 'passwords', 'documents'] as const;
export type RecordTable = (typeof recordTables)[number];

interface TableInfo {
  table: PgTable;
  /** The rows in plain words, for progress messages. */
  label: string;
  /** How a person names a row of the table, over its unqualified columns. */
  displayName: SQL;
}

export const trashTables: Record<TrashTable, TableInfo> = {
  organizations: { label: 'organizations', table: organizations, displayName: sql`name` },
  configurations: { label: 'configurations', table: configurations, displayName: sql`name` },
  contacts: { label: 'contacts', table: contacts, displayName: sql`full_name` },
  passwords: { label: 'passwords', table: passwords, displayName: sql`name` },
  documents: { label: 'documents', table: documents, displayName: sql`title` },
  psa_links: { label: 'PSA links', table: psaLinks, displayName: sql`kind || ' ' || external_id` },
};

/** The same display name read back from a trashed row's JSON. */
export const jsonDisplayName = (row: SQL): SQL => sql`coalesce(${row}->>'name', ${row}->>'full_name', ${row}->>'title',
  (${row}->>'kind') || ' ' || (${row}->>'external_id'))`;

/** The columns restore writes: every stored column (generated ones, like a contact's full name, recompute themselves). */
export function insertableColumns(name: TrashTable): string[] {
  return Object.values(getTableColumns(trashTables[name].table))
    .filter((column) => !column.generated)
    .map((column) => column.name);
}
