import type { SimWorld } from '../world/world.js';
import type { SimKind, SimLookup, SimRecordOf } from '../world/types.js';
import type { OrderKey, ParamKind } from './halo-query.js';
import type { Permission } from './halo-tokens.js';

export type Json = Record<string, unknown>;

/** Thrown by a write mapper for input Halo would refuse; answered as a 400 with Halo's error body. */
export class HaloBadInput extends Error {}

/**
 * One Halo resource (`/api/Client`, `/api/Asset`, `/api/Users`) over one kind of world record: its filter parameters,
 * sortable fields, JSON shape and how a POSTed item changes the world.
 */
export interface HaloEntity<K extends SimKind> {
  path: string;
  kind: K;
  /** The array's key in list bodies: `clients`, `assets`, `users`. */
  listKey: string;
  permission: Permission;
  params: Record<string, ParamKind>;
  defaultOrder: OrderKey[];
  /** Whether Halo shows the record at all (ConnectWise-style soft-deleted companies do not exist in Halo). */
  visible(record: SimRecordOf<K>): boolean;
  /** The entity's own filters from bound parameters (active/inactive and search are handled generically). */
  filter(bound: Json, world: SimWorld): ((record: SimRecordOf<K>) => boolean) | undefined;
  searchText(record: SimRecordOf<K>): string[];
  /** The value a field sorts by, or undefined when the entity has no such field. */
  sortValue(record: SimRecordOf<K>, field: string, world: SimWorld): string | number | undefined;
  toJson(record: SimRecordOf<K>, world: SimWorld, options: { single: boolean; bound: Json }): Json;
  /** The world changes a POSTed item asks for; `existing` is set when the item carries the id of a record. */
  fromJson(item: Json, world: SimWorld, existing: SimRecordOf<K> | undefined): Partial<SimRecordOf<K>>;
  /** Values of a new record before the POSTed item's changes apply. */
  createDefaults(world: SimWorld): Omit<SimRecordOf<K>, 'id' | 'createdAt' | 'updatedAt'>;
}

export const iso = (date: Date) => date.toISOString();
export const nameOf = (list: SimLookup[], id: number | undefined) => list.find((l) => l.id === id)?.name ?? '';
export const colourOf = (id: number) => ['#2bd3c6', '#ff7f50', '#6495ed', '#9acd32', '#ffb347', '#c39bd3'][id % 6]!;

/** Drops null and undefined members: Halo's serializer leaves unset values out of its JSON. */
export function compact(json: Json): Json {
  for (const key of Object.keys(json)) if (json[key] === null || json[key] === undefined) delete json[key];
  return json;
}

/** Every site is its client's main site in the simulator, and shares its id. */
export const MAIN_SITE_NAME = 'Main';

export function text(item: Json, key: string): string | null | undefined {
  const value = item[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') throw new HaloBadInput(`The field ${key} must be a string.`);
  return value;
}

export function integer(item: Json, key: string): number | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  throw new HaloBadInput(`The field ${key} must be an integer.`);
}

export function bool(item: Json, key: string): boolean | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new HaloBadInput(`The field ${key} must be true or false.`);
  return value;
}

/** Empty strings clear a value, as in Halo's forms. */
export const orNull = (value: string | null | undefined) => (value === undefined ? undefined : value === null || value.trim() === '' ? null : value);

export function defined<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
