import type { Condition, Literal } from './parse.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * Compiles a parsed condition into a predicate over a record as the API shapes it (JSON). The semantics follow the
 * SQL Server query ConnectWise generates: string comparisons ignore case, a comparison with a missing (null) value is
 * never true except `= null`, and a path through a collection (childConditions) matches when any element does.
 */
export function compileCondition(condition: Condition): (record: JsonObject) => boolean {
  switch (condition.type) {
    case 'and': {
      const parts = condition.operands.map(compileCondition);
      return (record) => parts.every((part) => part(record));
    }
    case 'or': {
      const parts = condition.operands.map(compileCondition);
      return (record) => parts.some((part) => part(record));
    }
    case 'not': {
      const inner = compileCondition(condition.operand);
      return (record) => !inner(record);
    }
    case 'compare': {
      const { path, op, value } = condition;
      if (value.kind === 'null') {
        if (op === '=') return (record) => valuesAt(record, path).some((v) => v === null);
        if (op === '!=') return (record) => valuesAt(record, path).some((v) => v !== null);
        return () => false;
      }
      const test = comparator(op, value);
      return (record) => valuesAt(record, path).some((v) => v !== null && test(v));
    }
    case 'like': {
      return matchText(condition.path, condition.negated, likeMatcher(condition.pattern));
    }
    case 'contains': {
      const needle = condition.value.toLowerCase();
      return matchText(condition.path, condition.negated, (text) => text.toLowerCase().includes(needle));
    }
    case 'in': {
      const tests = condition.values.filter((v) => v.kind !== 'null').map((v) => comparator('=', v));
      const hasNull = condition.values.some((v) => v.kind === 'null');
      const member = (v: Json) => (v === null ? hasNull : tests.some((test) => test(v)));
      return condition.negated
        ? (record) => valuesAt(record, condition.path).some((v) => v !== null && !member(v))
        : (record) => valuesAt(record, condition.path).some(member);
    }
  }
}

function matchText(path: string[], negated: boolean, test: (text: string) => boolean): (record: JsonObject) => boolean {
  return (record) =>
    valuesAt(record, path).some((v) => {
      if (v === null || typeof v === 'object') return false;
      return test(String(v)) !== negated;
    });
}

/**
 * `*` and `%` match any run of characters and `_` one character, as ConnectWise's like passes them to SQL. Matched
 * with the greedy two-pointer algorithm (at most pattern × text steps), so no pattern can make it backtrack for ages.
 */
export function likeMatcher(pattern: string): (text: string) => boolean {
  const wanted = [...pattern.toLowerCase()].map((c) => (c === '%' ? '*' : c));
  return (input) => {
    const text = [...input.toLowerCase()];
    let p = 0;
    let t = 0;
    let star = -1;
    let resume = 0;
    while (t < text.length) {
      if (p < wanted.length && (wanted[p] === '_' || wanted[p] === text[t])) {
        p++;
        t++;
      } else if (p < wanted.length && wanted[p] === '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < wanted.length && wanted[p] === '*') p++;
    return p === wanted.length;
  };
}

/** The leaf values at a path; a collection on the way yields one value per element; missing is null. */
export function valuesAt(record: JsonObject, path: readonly string[]): Json[] {
  let current: Json[] = [record];
  for (const segment of path) {
    const next: Json[] = [];
    for (const node of current) {
      if (Array.isArray(node)) {
        for (const element of node) next.push(property(element, segment));
      } else {
        next.push(property(node, segment));
      }
    }
    current = next;
  }
  const flat = current.flatMap((v) => (Array.isArray(v) ? v : [v]));
  return flat.length ? flat : [null];
}

/** Field names are case-insensitive in ConnectWise queries. */
export function property(node: Json, name: string): Json {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return null;
  if (name in node) return node[name] ?? null;
  const lower = name.toLowerCase();
  for (const key of Object.keys(node)) if (key.toLowerCase() === lower) return node[key] ?? null;
  return null;
}

function comparator(op: string, literal: Exclude<Literal, { kind: 'null' }>): (value: Json) => boolean {
  const decide = (order: number | undefined) => {
    if (order === undefined) return false;
    switch (op) {
      case '=':
        return order === 0;
      case '!=':
        return order !== 0;
      case '<':
        return order < 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      default:
        return order >= 0;
    }
  };
  return (value) => decide(compareToLiteral(value, literal));
}

/** Orders a record value against a literal; undefined when they cannot be compared (never matches). */
export function compareToLiteral(value: Json, literal: Exclude<Literal, { kind: 'null' }>): number | undefined {
  if (value === null || typeof value === 'object') return undefined;
  switch (literal.kind) {
    case 'string': {
      if (typeof value === 'number') {
        const n = Number(literal.value);
        return literal.value.trim() === '' || Number.isNaN(n) ? undefined : Math.sign(value - n);
      }
      const left = String(value).toLowerCase();
      const right = literal.value.toLowerCase();
      return left === right ? 0 : left < right ? -1 : 1;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      return Number.isNaN(n) ? undefined : Math.sign(n - literal.value);
    }
    case 'boolean': {
      const b = typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true' ? true : String(value).toLowerCase() === 'false' ? false : undefined;
      return b === undefined ? undefined : Number(b) - Number(literal.value);
    }
    case 'datetime': {
      if (typeof value !== 'string') return undefined;
      const time = Date.parse(value);
      return Number.isNaN(time) ? undefined : Math.sign(time - literal.value);
    }
  }
}
