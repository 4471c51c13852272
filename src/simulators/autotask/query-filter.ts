import type { AtDataType, AtEntity, AtState } from './entity-model.js';
import { invalid } from './errors.js';

/**
 * The Autotask REST filter tree: `[{op, field, value, udf, items}]`, the top level ANDed, `and`/`or` groups nesting
 * `items`. Field names and operators match case-insensitively; string comparisons ignore case (SQL Server collation);
 * comparisons with null follow SQL (only exist/notExist match nulls). Top-level `id gt|gte N` conditions are split
 * off as a lower id bound, so a listing paged by id can reuse one cached match list for every page.
 */
export type Predicate<R> = (row: R, state: AtState) => boolean;

export interface CompiledFilter<R> {
  predicate: Predicate<R>;
  /** Rows must have id > this (from top-level `id gt/gte`); -Infinity when unbounded. */
  idAbove: number;
  /** A cache key for the filter without the id bound. */
  residualKey: string;
}

const comparisonOps = ['eq', 'noteq', 'gt', 'gte', 'lt', 'lte', 'beginswith', 'endswith', 'contains', 'exist', 'notexist', 'in', 'notin'] as const;
type ComparisonOp = (typeof comparisonOps)[number];
type Normalized = number | string | boolean;

interface FilterNode {
  op?: unknown;
  field?: unknown;
  value?: unknown;
  udf?: unknown;
  items?: unknown;
}

export function compileFilter<R extends { id: number }>(entity: AtEntity<R>, filter: unknown): CompiledFilter<R> {
  if (!Array.isArray(filter) || filter.length === 0) throw invalid('The query must contain at least one filter expression.');
  let idAbove = -Infinity;
  const residual: unknown[] = [];
  for (const node of filter) {
    const bound = idLowerBound(node);
    if (bound === undefined) residual.push(node);
    else idAbove = Math.max(idAbove, bound);
  }
  const parts = residual.map((node) => compileNode(entity, node));
  return { predicate: (row, state) => parts.every((part) => part(row, state)), idAbove, residualKey: JSON.stringify(residual) };
}

function idLowerBound(raw: unknown): number | undefined {
  const node = raw as FilterNode;
  if (!node || typeof node !== 'object' || node.udf === true || typeof node.field !== 'string' || node.field.toLowerCase() !== 'id') return undefined;
  const op = typeof node.op === 'string' ? node.op.toLowerCase() : '';
  const value = Number(node.value);
  if ((op !== 'gt' && op !== 'gte') || node.value === null || node.value === '' || !Number.isFinite(value)) return undefined;
  return op === 'gt' ? Math.floor(value) : Math.ceil(value) - 1;
}

function compileNode<R extends { id: number }>(entity: AtEntity<R>, raw: unknown): Predicate<R> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('Each filter expression must be an object with an "op".');
  const node = raw as FilterNode;
  if (typeof node.op !== 'string') throw invalid('Each filter expression must have an "op".');
  const op = node.op.toLowerCase();
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(node.items) || node.items.length === 0) throw invalid(`The "${node.op}" grouping requires a non-empty "items" array.`);
    const parts = node.items.map((item) => compileNode(entity, item));
    return op === 'and' ? (row, state) => parts.every((part) => part(row, state)) : (row, state) => parts.some((part) => part(row, state));
  }
  if (!(comparisonOps as readonly string[]).includes(op)) throw invalid(`The filter operator '${node.op}' is not valid.`);
  if (typeof node.field !== 'string' || node.field === '') throw invalid(`The "${node.op}" filter requires a "field".`);
  const { read, dataType } = resolveField(entity, node.field, node.udf === true);
  return comparison(op as ComparisonOp, read, dataType, node);
}

function resolveField<R extends { id: number }>(entity: AtEntity<R>, name: string, udf: boolean) {
  if (udf) {
    const definition = entity.udfIndex.get(name.toLowerCase());
    if (!definition) throw invalid(`Unable to find user-defined field '${name}' for entity ${entity.label}.`);
    return { read: (row: R) => definition.get(row) as unknown, dataType: (definition.type === 'number' ? 'double' : 'string') as AtDataType };
  }
  const field = entity.fieldIndex.get(name.toLowerCase());
  if (!field) throw invalid(`Unable to find field '${name}' in the ${entity.label} entity.`);
  return { read: (row: R, state: AtState) => field.get(row, state), dataType: field.dataType };
}

function comparison<R>(op: ComparisonOp, read: (row: R, state: AtState) => unknown, dataType: AtDataType, node: FilterNode): Predicate<R> {
  const value = (row: R, state: AtState) => normalize(read(row, state), dataType);
  if (op === 'exist') return (row, state) => value(row, state) !== null;
  if (op === 'notexist') return (row, state) => value(row, state) === null;
  if (op === 'in' || op === 'notin') {
    if (!Array.isArray(node.value) || node.value.length === 0) throw invalid(`The "${node.op}" filter requires a non-empty array "value".`);
    const set = new Set(node.value.map((v) => criterion(v, dataType, String(node.field))));
    return op === 'in'
      ? (row, state) => {
          const v = value(row, state);
          return v !== null && set.has(v);
        }
      : (row, state) => {
          const v = value(row, state);
          return v !== null && !set.has(v);
        };
  }
  const wanted = criterion(node.value, dataType, String(node.field));
  const test = scalarTest(op, wanted);
  return (row, state) => {
    const v = value(row, state);
    return v !== null && test(v);
  };
}

function scalarTest(op: Exclude<ComparisonOp, 'exist' | 'notexist' | 'in' | 'notin'>, wanted: Normalized): (v: Normalized) => boolean {
  const text = String(wanted);
  switch (op) {
    case 'eq':
      return (v) => v === wanted;
    case 'noteq':
      return (v) => v !== wanted;
    case 'gt':
      return (v) => v > wanted;
    case 'gte':
      return (v) => v >= wanted;
    case 'lt':
      return (v) => v < wanted;
    case 'lte':
      return (v) => v <= wanted;
    case 'beginswith':
      return (v) => String(v).startsWith(text);
    case 'endswith':
      return (v) => String(v).endsWith(text);
    case 'contains':
      return (v) => String(v).includes(text);
  }
}

/** A stored value in comparable form: numbers, epoch ms for datetimes, lower-cased strings; null when absent. */
export function normalize(value: unknown, dataType: AtDataType): Normalized | null {
  if (value === null || value === undefined) return null;
  if (dataType === 'datetime') {
    const ms = value instanceof Date ? value.getTime() : parseUtc(String(value));
    return Number.isNaN(ms) ? null : ms;
  }
  if (dataType === 'string') return String(value).toLowerCase();
  if (dataType === 'boolean') return value === true;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The filter's value in comparable form, refusing values the real API refuses (a non-boolean for a boolean…). */
function criterion(value: unknown, dataType: AtDataType, field: string): Normalized {
  const bad = () => invalid(`The value '${JSON.stringify(value)}' is not valid for the field '${field}' (${dataType}).`);
  if (value === null || value === undefined || typeof value === 'object') throw bad();
  if (dataType === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw bad();
  }
  if (dataType === 'string') return String(value).toLowerCase();
  if (dataType === 'datetime') {
    const ms = parseUtc(String(value));
    if (Number.isNaN(ms)) throw bad();
    return ms;
  }
  // Integer fields such as Contacts.isActive also take true/false, as clients commonly send them.
  const n = typeof value === 'boolean' ? Number(value) : typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) throw bad();
  return n;
}

/** Autotask reads a datetime without an offset as UTC (JavaScript would read it as local time). */
export function parseUtc(text: string): number {
  const withZone = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
  return Date.parse(withZone);
}
