/**
 * Query-string binding as Halo's ASP.NET API does it: parameter names are case-insensitive, booleans are `true`/`false`
 * in any case, integers are integers; a value that does not bind is a 400, an unknown parameter is ignored.
 */
export type ParamKind = 'bool' | 'int' | 'string' | 'intlist';
export type ParamValue<K extends ParamKind> = K extends 'bool' ? boolean : K extends 'int' ? number : K extends 'intlist' ? number[] : string;
export type Bound<S extends Record<string, ParamKind>> = { [P in keyof S]?: ParamValue<S[P]> };

export type BindResult<S extends Record<string, ParamKind>> = { ok: true; values: Bound<S> } | { ok: false; message: string };

export function bindQuery<S extends Record<string, ParamKind>>(raw: Record<string, unknown>, schema: S): BindResult<S> {
  const lowered = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    const text = Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
    lowered.set(key.toLowerCase(), text);
  }
  const values: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(schema)) {
    const text = lowered.get(name.toLowerCase());
    if (text === undefined || text === '') continue;
    const bound = bindOne(text, kind);
    if (bound === undefined) return { ok: false, message: `The value '${text}' is not valid for ${name}.` };
    values[name] = bound;
  }
  return { ok: true, values: values as Bound<S> };
}

function bindOne(text: string, kind: ParamKind): unknown {
  switch (kind) {
    case 'bool': {
      const lower = text.trim().toLowerCase();
      return lower === 'true' ? true : lower === 'false' ? false : undefined;
    }
    case 'int':
      return toInt(text);
    case 'intlist': {
      const parts = text.split(',').map((p) => p.trim()).filter(Boolean).map(toInt);
      return parts.every((p) => p !== undefined) ? parts : undefined;
    }
    case 'string':
      return text;
  }
}

function toInt(text: string): number | undefined {
  if (!/^\s*-?\d{1,10}\s*$/.test(text)) return undefined;
  const n = Number(text);
  return n >= -2_147_483_648 && n <= 2_147_483_647 ? n : undefined;
}

/** `activeinactive=true,false`: the first value sets includeactive, the second includeinactive. */
export function activeFlags(bound: { includeactive?: boolean; includeinactive?: boolean; activeinactive?: string }): { active: boolean; inactive: boolean } | undefined {
  let active = bound.includeactive ?? true;
  let inactive = bound.includeinactive ?? false;
  if (bound.activeinactive !== undefined) {
    const [a, i] = bound.activeinactive.split(',').map((p) => p.trim().toLowerCase());
    const parse = (v: string | undefined) => (v === 'true' ? true : v === 'false' ? false : v === undefined || v === '' ? null : undefined);
    const pa = parse(a);
    const pi = parse(i);
    if (pa === undefined || pi === undefined) return undefined;
    if (pa !== null) active = pa;
    if (pi !== null) inactive = pi;
  }
  return { active, inactive };
}

export interface OrderKey {
  field: string;
  desc: boolean;
}

/** `order`…`order5` with `orderdesc`…`orderdesc5`, field names lower-cased (Halo matches them without case). */
export function orderKeys(bound: Record<string, unknown>): OrderKey[] {
  const keys: OrderKey[] = [];
  for (const suffix of ['', '2', '3', '4', '5']) {
    const field = bound[`order${suffix}`];
    if (typeof field === 'string' && field.trim()) keys.push({ field: field.trim().toLowerCase(), desc: bound[`orderdesc${suffix}`] === true });
  }
  return keys;
}

export const listParams = {
  pageinate: 'bool',
  page_size: 'int',
  page_no: 'int',
  count: 'int',
  search: 'string',
  idonly: 'bool',
  includeactive: 'bool',
  includeinactive: 'bool',
  activeinactive: 'string',
  order: 'string',
  order2: 'string',
  order3: 'string',
  order4: 'string',
  order5: 'string',
  orderdesc: 'bool',
  orderdesc2: 'bool',
  orderdesc3: 'bool',
  orderdesc4: 'bool',
  orderdesc5: 'bool',
} as const satisfies Record<string, ParamKind>;
