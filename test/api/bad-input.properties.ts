import fc from 'fast-check';

/*
 * Mutations of a valid-shaped request, for the property that no bad input gets a 500 or changes anything. Each
 * mutation changes one thing: one field of the body, one id of the path, or one query parameter.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

export const sqlAndHtml = [
  "'; drop table organizations; --",
  "' or '1'='1",
  '1; select pg_sleep(5)',
  "$$; delete from users; $$",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '../../../../etc/passwd',
  '%s%s%s%n',
];
export const unicodeEdges = [
  '\ud800',
  'a\udc00b',
  '\u0000',
  'x\u0000y',
  '\u202eevil\u202c',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\u200b\u200c\u200d\ufeff',
  'e\u0301\u0301\u0301',
  '\uffff\ufffe',
  '𝕏'.repeat(300),
  ' ',
  '',
];
const deep = (depth: number, leaf: Json = 1): Json => (depth === 0 ? leaf : [deep(depth - 1, leaf)]);

/** A value that is wrong for the field or hostile in it. */
const badValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, -0, 2 ** 53 + 1, [], {}, [null], { $gt: '' }, JSON.parse('{"__proto__":{"role":"admin"}}') as Json),
  fc.constantFrom(...sqlAndHtml, ...unicodeEdges),
  fc.integer({ min: 1_000, max: 2_000 }).map((n) => 'x'.repeat(n * 300)),
  fc.integer({ min: 100, max: 3_000 }).map((n) => deep(n)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.array(fc.anything({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 5 }),
);

/** Every place in a body: objects' keys and arrays' items, the root included. */
export function pathsOf(value: Json, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pathsOf(v, [...at, i])));
  if (value && typeof value === 'object') return here.concat(Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k])));
  return here;
}

function setAt(root: Json, path: Path, change: (parent: any, key: string | number) => void): Json {
  if (path.length === 0) return root;
  const copy = structuredClone(root);
  let parent: any = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  change(parent, path[path.length - 1]!);
  return copy;
}

export type BodyMutation =
  | { kind: 'replace'; path: Path; value: Json }
  | { kind: 'remove'; path: Path }
  | { kind: 'extra'; path: Path; key: string; value: Json }
  | { kind: 'root'; value: Json };

export function mutationsOf(body: Json): fc.Arbitrary<BodyMutation> {
  const paths = pathsOf(body);
  const inner = paths.filter((p) => p.length > 0);
  const containers = paths.filter((p) => {
    const v = p.reduce<any>((node, key) => node[key], body);
    return v && typeof v === 'object' && !Array.isArray(v);
  });
  const options: fc.Arbitrary<BodyMutation>[] = [fc.record({ kind: fc.constant('root' as const), value: badValue })];
  if (inner.length) {
    options.push(fc.record({ kind: fc.constant('replace' as const), path: fc.constantFrom(...inner), value: badValue }));
    options.push(fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...inner) }));
  }
  if (containers.length) {
    const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'accountId', 'id', 'role', '', '\u0000'), fc.string({ maxLength: 20 }));
    options.push(fc.record({ kind: fc.constant('extra' as const), path: fc.constantFrom(...containers), key, value: badValue }));
  }
  return fc.oneof(...options);
}

export function applyBodyMutation(body: Json, mutation: BodyMutation): Json {
  switch (mutation.kind) {
    case 'root':
      return mutation.value;
    case 'replace':
      return setAt(body, mutation.path, (parent, key) => void (parent[key] = mutation.value));
    case 'remove':
      return setAt(body, mutation.path, (parent, key) => (Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]));
    case 'extra': {
      const copy = structuredClone(body);
      const target = mutation.path.reduce<any>((node, key) => node[key], copy);
      // defineProperty: a "__proto__" key must become a real key of the JSON, not the object's prototype.
      Object.defineProperty(target, mutation.key, { value: mutation.value, enumerable: true, configurable: true, writable: true });
      return copy;
    }
  }
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** An id or cursor that is malformed, hostile, or well-formed but nobody's. */
export const badId: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0', '-1', 'null', 'undefined', '[]', '..', '%2e%2e', '%00', '%ff'),
  fc.constantFrom(...sqlAndHtml, ...unicodeEdges.filter(Boolean)).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?'))),
  fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent),
  fc.integer({ min: 1_000, max: 10_000 }).map((n) => 'a'.repeat(n)),
);
export const badCursor: fc.Arbitrary<string> = fc.oneof(
  badId,
  fc.base64String({ maxLength: 200 }).map(encodeURIComponent),
  fc.anything({ maxDepth: 2 }).map((v) => encodeURIComponent(Buffer.from(JSON.stringify(v) ?? 'x').toString('base64url'))),
  fc.record({ sort: fc.string(), value: fc.anything({ maxDepth: 1 }), id: fc.string() }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
);

export type TargetMutation = { kind: 'id'; index: number; value: string } | { kind: 'query'; name: string; value: string };

/** Replaces the index-th uuid of the path, or adds a hostile query parameter. */
export function applyTargetMutation(path: string, mutation: TargetMutation): string {
  if (mutation.kind === 'query') return `${path}${path.includes('?') ? '&' : '?'}${encodeURIComponent(mutation.name)}=${mutation.value}`;
  let seen = -1;
  return path.replace(uuidPattern, (id) => (++seen === mutation.index ? mutation.value : id));
}

export function targetMutationsOf(path: string): fc.Arbitrary<TargetMutation> {
  const ids = path.split('?')[0]!.match(uuidPattern)?.length ?? 0;
  const query = fc.record({
    kind: fc.constant('query' as const),
    name: fc.constantFrom('cursor', 'limit', 'q', 'sort', 'order', 'organizationId', 'kind', 'state', 'from', 'to', 'status', 'unknown'),
    value: badCursor,
  });
  return ids ? fc.oneof(query, fc.record({ kind: fc.constant('id' as const), index: fc.nat({ max: ids - 1 }), value: badId })) : query;
}
