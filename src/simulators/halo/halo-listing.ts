import type { SimWorld } from '../world/world.js';
import type { SimKind, SimRecordOf } from '../world/types.js';
import type { HaloEntity, Json } from './halo-entity.js';
import { type OrderKey, activeFlags, orderKeys } from './halo-query.js';

/** Parameters that shape the response but not which records match (they stay out of the cache key). */
const presentationParams = new Set(['pageinate', 'page_size', 'page_no', 'count', 'idonly', 'include_website', 'includeassetfields']);

const defaultPageSize = 50;
/** Without pagination Halo answers the first `count` records, 50 when `count` is not given. */
const defaultCount = 50;

export type ListOutcome = { ok: true; body: Json } | { ok: false; message: string };

/**
 * A Halo list: filters, active/inactive, search and ordering select the matching ids once per data version (cached:
 * paging through 300k assets must not re-filter every page), then a page or the first `count` records are shaped.
 */
export function listRecords<K extends SimKind>(entity: HaloEntity<K>, world: SimWorld, bound: Json): ListOutcome {
  const flags = activeFlags(bound);
  if (!flags) return { ok: false, message: `The value '${String(bound.activeinactive)}' is not valid for activeinactive.` };
  const order = effectiveOrder(entity, world, orderKeys(bound));
  const key = `halo:${entity.path}:${JSON.stringify(Object.entries(bound).filter(([k]) => !presentationParams.has(k)).sort())}:${JSON.stringify(flags)}`;
  const ids = world.cachedQuery(key, () => matchingIds(entity, world, bound, flags, order));
  const paginate = bound.pageinate === true && bound.idonly !== true;
  const pageSize = Math.max(1, (bound.page_size as number | undefined) ?? defaultPageSize);
  const pageNo = Math.max(1, (bound.page_no as number | undefined) ?? 1);
  const slice = paginate ? ids.slice((pageNo - 1) * pageSize, pageNo * pageSize) : ids.slice(0, Math.max(0, (bound.count as number | undefined) ?? defaultCount));
  const records = slice.map((id) => world.get(entity.kind, id)).filter((r): r is SimRecordOf<K> => r !== undefined);
  const items = bound.idonly === true ? records.map((r) => ({ id: r.id })) : records.map((r) => entity.toJson(r, world, { single: false, bound }));
  const body: Json = paginate ? { page_no: pageNo, page_size: pageSize, record_count: ids.length } : { record_count: ids.length };
  body[entity.listKey] = items;
  return { ok: true, body };
}

/** Known order fields only (Halo ignores others), always ending with id so that equal values page stably. */
function effectiveOrder<K extends SimKind>(entity: HaloEntity<K>, world: SimWorld, requested: OrderKey[]): OrderKey[] {
  const probe = world.all(entity.kind).next().value as SimRecordOf<K> | undefined;
  const known = probe ? requested.filter((k) => entity.sortValue(probe, k.field, world) !== undefined) : requested;
  const keys = known.length > 0 ? known : entity.defaultOrder;
  return keys.some((k) => k.field === 'id') ? keys : [...keys, { field: 'id', desc: false }];
}

function matchingIds<K extends SimKind>(
  entity: HaloEntity<K>,
  world: SimWorld,
  bound: Json,
  flags: { active: boolean; inactive: boolean },
  order: OrderKey[],
): number[] {
  const own = entity.filter(bound, world);
  const search = typeof bound.search === 'string' ? bound.search.toLowerCase() : undefined;
  const matches: SimRecordOf<K>[] = [];
  for (const record of world.all(entity.kind)) {
    if (!entity.visible(record)) continue;
    if (record.active ? !flags.active : !flags.inactive) continue;
    if (own && !own(record)) continue;
    if (search && !entity.searchText(record).some((t) => t.toLowerCase().includes(search))) continue;
    matches.push(record);
  }
  const [first] = order;
  // The world iterates in id order already: sorting by id alone is free.
  if (order.length === 1 && first?.field === 'id') return (first.desc ? matches.reverse() : matches).map((r) => r.id);
  const keyed = matches.map((r) => ({ id: r.id, values: order.map((k) => entity.sortValue(r, k.field, world) ?? '') }));
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const x = a.values[i]!;
      const y = b.values[i]!;
      if (x === y) continue;
      const cmp = x < y ? -1 : 1;
      return order[i]!.desc ? -cmp : cmp;
    }
    return 0;
  });
  return keyed.map((k) => k.id);
}
