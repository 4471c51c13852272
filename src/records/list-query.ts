import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { decodeCursor, encodeCursor } from './cursor.js';

export const MAX_PAGE_SIZE = 200;

/** The query string every list accepts; features add their own filters to it. */
export function listQuerySchema<S extends readonly [string, ...string[]]>(sortKeys: S) {
  const sorts = sortKeys.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];
  return z.strictObject({
    q: z.string().trim().max(200).optional().describe('Case-insensitive "contains" search'),
    sort: z.enum(sorts).default(sortKeys[0]).describe('Sort key; prefix with - for descending'),
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    cursor: z.string().max(4000).optional().describe('nextCursor of the previous page'),
  });
}

export interface ListSpec {
  table: PgTable;
  id: AnyPgColumn;
  accountId: AnyPgColumn;
  /** Sort key → column; the column must be NOT NULL so that the keyset comparison is total. */
  sortColumns: Record<string, AnyPgColumn>;
  searchColumns: AnyPgColumn[];
}

export interface ListParams {
  accountId: string;
  sort: string;
  limit: number;
  cursor?: string | undefined;
  q?: string | undefined;
  /** Equality filters already resolved to columns by the feature. */
  filters: SQL[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Keyset pagination over (sort column, id): every page is an index range scan, as fast on page 10,000 as on page 1,
 * and stable while rows are inserted or deleted.
 */
export async function listPage<T extends Record<string, unknown>>(db: Db, spec: ListSpec, params: ListParams): Promise<Page<T>> {
  const descending = params.sort.startsWith('-');
  const key = descending ? params.sort.slice(1) : params.sort;
  const column = spec.sortColumns[key];
  if (!column) throw new Error(`unknown sort key ${key}`);
  const conditions: (SQL | undefined)[] = [eq(spec.accountId, params.accountId), ...params.filters];
  if (params.q) {
    const pattern = `%${escapeLike(params.q)}%`;
    conditions.push(or(...spec.searchColumns.map((c) => ilike(c, pattern))));
  }
  if (params.cursor) {
    const cursor = decodeCursor(params.cursor, params.sort);
    const value = column.columnType === 'PgTimestamp' ? new Date(cursor.value) : cursor.value;
    conditions.push(
      descending
        ? sql`(${column}, ${spec.id}) < (${value}, ${cursor.id})`
        : sql`(${column}, ${spec.id}) > (${value}, ${cursor.id})`,
    );
  }
  const order = descending ? [desc(column), desc(spec.id)] : [asc(column), asc(spec.id)];
  const rows = (await db
    .select()
    .from(spec.table)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(params.limit + 1)) as T[];
  const items = rows.slice(0, params.limit);
  const last = items.at(-1);
  const hasMore = rows.length > params.limit;
  return {
    items,
    nextCursor:
      hasMore && last
        ? encodeCursor({ sort: params.sort, value: cursorValue(rowValue(last, column)), id: String(rowValue(last, spec.id)) })
        : null,
  };
}

/** Rows come back keyed by the TypeScript property, not the SQL name: find the property whose column this is. */
function rowValue(row: Record<string, unknown>, column: AnyPgColumn): unknown {
  const table = column.table as unknown as Record<string, unknown>;
  const property = Object.keys(table).find((k) => table[k] === column);
  return property ? row[property] : undefined;
}

function cursorValue(value: unknown): string | number {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
