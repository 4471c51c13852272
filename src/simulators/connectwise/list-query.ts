import { compileCondition, valuesAt, type Json, type JsonObject } from './conditions/evaluate.js';
import { parseConditions, type Condition } from './conditions/parse.js';
import { ConditionSyntaxError } from './conditions/tokenize.js';
import { invalidParameter } from './errors.js';
import { checkPath, type CwResource, type PathUse } from './fields.js';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export interface OrderKey {
  path: string[];
  descending: boolean;
}

/** `fields=id,type/name` as a tree: true keeps the whole value, a subtree trims it. */
export type FieldTree = Map<string, FieldTree | true>;

export interface ListQuery {
  filter?: (record: JsonObject) => boolean;
  /** Identifies the matching set (filters and order, not the page) for SimWorld.cachedQuery. */
  cacheKey: string;
  order: OrderKey[];
  fields?: FieldTree;
  page: number;
  pageSize: number;
  pageId?: number;
  forwardOnly: boolean;
}

/** Query parameter names are case-insensitive on the real API (ASP.NET binding): `PageSize` works like `pageSize`. */
export function lowerCaseKeys(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key.toLowerCase()] = first;
  }
  return out;
}

export function parseListQuery(resource: CwResource, rawQuery: unknown, forwardOnly: boolean): ListQuery {
  const query = lowerCaseKeys(rawQuery);
  const conditions = parseFilter(resource, query.conditions, 'conditions');
  const childConditions = parseFilter(resource, query.childconditions, 'childConditions');
  // The simulator holds no custom fields, so any custom field condition matches nothing (after a syntax check).
  const customFieldConditions = query.customfieldconditions?.trim() ? parseCustomFieldConditions(resource, query.customfieldconditions) : undefined;
  const order = parseOrderBy(resource, query.orderby);
  if (forwardOnly && order.some((key) => key.path.join('/') !== 'id' || key.descending)) {
    throw invalidParameter(resource, 'orderBy', 'Forward-only pagination always orders by id ascending; remove orderBy or use id asc.');
  }
  const pageId = query.pageid === undefined ? undefined : integer(resource, 'pageId', query.pageid);
  const predicates = [conditions, childConditions].filter((p): p is (r: JsonObject) => boolean => p !== undefined);
  const filter = customFieldConditions
    ? () => false
    : predicates.length === 0
      ? undefined
      : predicates.length === 1
        ? predicates[0]
        : (r: JsonObject) => predicates.every((p) => p(r));
  return {
    filter,
    cacheKey: JSON.stringify([resource, query.conditions ?? '', query.childconditions ?? '', query.customfieldconditions ?? '', order]),
    order,
    fields: query.fields?.trim() ? parseFields(query.fields) : undefined,
    page: Math.max(1, query.page === undefined ? 1 : integer(resource, 'page', query.page)),
    pageSize: pageSizeOf(resource, query.pagesize),
    pageId,
    forwardOnly,
  };
}

function pageSizeOf(resource: CwResource, raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = integer(resource, 'pageSize', raw);
  if (size < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(size, MAX_PAGE_SIZE);
}

function integer(resource: CwResource, field: string, raw: string): number {
  if (!/^-?\d{1,10}$/.test(raw.trim())) throw invalidParameter(resource, field, `The value '${raw}' is not valid for ${field}.`);
  return Number(raw);
}

function parseFilter(resource: CwResource, text: string | undefined, use: PathUse): ((record: JsonObject) => boolean) | undefined {
  if (!text?.trim()) return undefined;
  let condition: Condition;
  try {
    condition = parseConditions(text);
  } catch (error) {
    if (error instanceof ConditionSyntaxError) throw invalidParameter(resource, use, error.message);
    throw error;
  }
  return compileCondition(checkPaths(resource, condition, use));
}

function parseCustomFieldConditions(resource: CwResource, text: string): true {
  try {
    parseConditions(text);
  } catch (error) {
    if (error instanceof ConditionSyntaxError) throw invalidParameter(resource, 'customFieldConditions', error.message);
    throw error;
  }
  return true;
}

function checkPaths(resource: CwResource, condition: Condition, use: PathUse): Condition {
  switch (condition.type) {
    case 'and':
    case 'or':
      return { ...condition, operands: condition.operands.map((c) => checkPaths(resource, c, use)) };
    case 'not':
      return { ...condition, operand: checkPaths(resource, condition.operand, use) };
    default:
      return { ...condition, path: checkPath(resource, condition.path, use) };
  }
}

function parseOrderBy(resource: CwResource, text: string | undefined): OrderKey[] {
  if (!text?.trim()) return [];
  return text.split(',').map((part) => {
    const [field, direction, ...rest] = part.trim().split(/\s+/);
    const dir = direction?.toLowerCase();
    if (!field || rest.length > 0 || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
      throw invalidParameter(resource, 'orderBy', `'${part.trim()}' is not a valid order; use a field name followed by asc or desc.`);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/.test(field)) {
      throw invalidParameter(resource, 'orderBy', `'${field}' is not a valid field name.`);
    }
    return { path: checkPath(resource, field.split('/'), 'orderBy'), descending: dir === 'desc' };
  });
}

export function parseFields(text: string): FieldTree {
  const tree: FieldTree = new Map();
  for (const entry of text.split(',')) {
    const segments = entry.trim().split('/').filter(Boolean);
    let node = tree;
    segments.forEach((segment, index) => {
      const key = segment.toLowerCase();
      if (index === segments.length - 1) {
        node.set(key, true);
        return;
      }
      let child = node.get(key);
      if (child === true) return;
      if (!child) node.set(key, (child = new Map()));
      node = child;
    });
  }
  return tree;
}

/** Record keys by their lower-case form, learnt as records are trimmed (a listing asks the same names 300k times). */
const keyCase = new Map<string, string>();

function actualKey(node: JsonObject, lower: string): string | undefined {
  const known = keyCase.get(lower);
  if (known !== undefined && known in node) return known;
  for (const key of Object.keys(node)) {
    if (key.toLowerCase() === lower) {
      keyCase.set(lower, key);
      return key;
    }
  }
  return undefined;
}

/** Keeps only the requested fields (case-insensitive names), descending into references and collections. */
export function pickFields(value: Json, tree: FieldTree): Json {
  if (Array.isArray(value)) return value.map((element) => pickFields(element, tree));
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const [lower, wanted] of tree) {
    const key = actualKey(value, lower);
    if (key === undefined) continue;
    const child = value[key]!;
    if (wanted === true) out[key] = child;
    else if (child !== null && typeof child === 'object') out[key] = pickFields(child, wanted);
  }
  return out;
}

/** SQL Server's order: nulls first ascending, strings by a case-insensitive collation; ties broken by id. */
export function compareRecords(order: OrderKey[]): (a: JsonObject, b: JsonObject) => number {
  return (a, b) => {
    for (const key of order) {
      const result = compareValues(valuesAt(a, key.path)[0] ?? null, valuesAt(b, key.path)[0] ?? null);
      if (result !== 0) return key.descending ? -result : result;
    }
    return Number(a.id) - Number(b.id);
  };
}

function compareValues(a: Json, b: Json): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const left = String(a).toLowerCase();
  const right = String(b).toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}
