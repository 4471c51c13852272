import { and, eq, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Caller } from '../accounts/caller.js';
import type { Db } from '../db/database.js';
import { notFound } from '../shared/errors.js';
import type { AppContext } from '../http/context.js';
import { listPage, type ListSpec, type Page } from './list-query.js';
import { assertOwned, type OwnedTable } from './ownership.js';

type Row = Record<string, unknown>;

/**
 * One record type of the REST API (organizations, configurations, …) described as data: its table, schemas,
 * references and how rows become DTOs. The generic functions below and resource-routes.ts do the rest, so every
 * resource scopes, validates, paginates and errs in exactly the same way.
 */
export interface ResourceDef<Item extends z.ZodType, Create extends z.ZodType, Update extends z.ZodType, Query extends z.ZodType> {
  /** Singular, as a person says it: "organization". */
  label: string;
  path: string;
  tag: string;
  table: PgTable;
  columns: { id: AnyPgColumn; accountId: AnyPgColumn; updatedAt: AnyPgColumn };
  list: Omit<ListSpec, 'table' | 'id' | 'accountId'>;
  schemas: { item: Item; create: Create; update: Update; query: Query };
  /** Body fields that point at other rows, checked to be in the caller's account before any write. */
  references: { field: string; target: OwnedTable; label: string }[];
  /** Query-string filters → SQL conditions. */
  filters(query: z.infer<Query>): SQL[];
  toDto(row: Row, ctx: AppContext): z.infer<Item>;
  /** Body → column values (e.g. encrypt a secret). Defaults to the body as is. */
  toValues?(body: Row, ctx: AppContext): Row;
  /** Checks beyond single references (e.g. an attachment belongs to the same organization). */
  validate?(db: Db, accountId: string, values: Row, existing: Row | undefined): Promise<void>;
}

/** Any resource, whatever its schemas: the generic functions below only need the shape. */
export type AnyResource = ResourceDef<any, any, any, any>;

function ownRow(def: AnyResource, accountId: string, id: string) {
  return and(eq(def.columns.id, id), eq(def.columns.accountId, accountId));
}

export async function findRecord(ctx: AppContext, def: AnyResource, caller: Caller, id: string): Promise<Row> {
  const [row] = await ctx.database.db.select().from(def.table).where(ownRow(def, caller.accountId, id)).limit(1);
  if (!row) throw notFound(`The ${def.label}`);
  return row as Row;
}

export async function listRecords(ctx: AppContext, def: AnyResource, caller: Caller, query: Row & { sort: string; limit: number }): Promise<Page<unknown>> {
  const page = await listPage<Row>(
    ctx.database.db,
    { table: def.table, id: def.columns.id, accountId: def.columns.accountId, ...def.list },
    {
      accountId: caller.accountId,
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor as string | undefined,
      q: query.q as string | undefined,
      filters: def.filters(query),
    },
  );
  return { items: page.items.map((row) => def.toDto(row, ctx)), nextCursor: page.nextCursor };
}

async function checkReferences(ctx: AppContext, def: AnyResource, accountId: string, values: Row, existing?: Row) {
  for (const ref of def.references) {
    const value = values[ref.field];
    if (typeof value === 'string') await assertOwned(ctx.database.db, ref.target, accountId, value, ref.label, ref.field);
  }
  await def.validate?.(ctx.database.db, accountId, values, existing);
}

export async function createRecord(ctx: AppContext, def: AnyResource, caller: Caller, body: Row) {
  const values = def.toValues ? def.toValues(body, ctx) : body;
  await checkReferences(ctx, def, caller.accountId, values);
  const [row] = await ctx.database.db
    .insert(def.table)
    .values({ ...values, accountId: caller.accountId })
    .returning();
  return def.toDto(row as Row, ctx);
}

export async function updateRecord(ctx: AppContext, def: AnyResource, caller: Caller, id: string, body: Row) {
  const existing = await findRecord(ctx, def, caller, id);
  const values = def.toValues ? def.toValues(body, ctx) : body;
  await checkReferences(ctx, def, caller.accountId, values, existing);
  const [row] = await ctx.database.db
    .update(def.table)
    .set({ ...values, updatedAt: new Date() })
    .where(ownRow(def, caller.accountId, id))
    .returning();
  if (!row) throw notFound(`The ${def.label}`);
  return def.toDto(row as Row, ctx);
}

export async function deleteRecord(ctx: AppContext, def: AnyResource, caller: Caller, id: string) {
  const [row] = await ctx.database.db.delete(def.table).where(ownRow(def, caller.accountId, id)).returning({ id: def.columns.id });
  if (!row) throw notFound(`The ${def.label}`);
}

/** Default row → DTO: drop the account (implied by the caller) and write dates as ISO strings. */
export function plainDto(row: Row, omit: string[] = []): Row {
  const dto: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'accountId' || omit.includes(key)) continue;
    dto[key] = value instanceof Date ? value.toISOString() : value;
  }
  return dto;
}
