import type { SimLookup } from '../world/types.js';
import type { SimWorld } from '../world/world.js';
import type { LabelRegistry } from './label-registry.js';

/**
 * How the simulator describes an Autotask entity: its fields as the REST API names and types them (these drive the
 * JSON shape, the filter grammar and `entityInformation/fields`), its user-defined fields, and where its rows live.
 */
export type AtDataType = 'integer' | 'long' | 'short' | 'double' | 'decimal' | 'string' | 'boolean' | 'datetime';

/** Per-simulator state beside the world: registries for values Autotask keeps as picklists or reference entities. */
export interface AtState {
  world: SimWorld;
  countries: LabelRegistry;
  manufacturers: LabelRegistry;
  models: LabelRegistry;
}

export interface PicklistValue {
  value: string;
  label: string;
  isDefaultValue: boolean;
  sortOrder: number;
  parentValue: string;
  isActive: boolean;
  isSystem: boolean;
}

export interface AtField<R> {
  /** camelCase, as the API returns it; matched case-insensitively in filters and IncludeFields. */
  name: string;
  dataType: AtDataType;
  length?: number;
  required?: boolean;
  readOnly?: boolean;
  /** referenceEntityType, e.g. `Company` for companyID. */
  reference?: string;
  picklist?(state: AtState): PicklistValue[];
  /** The raw value: Date for datetimes (serialized as ISO), numbers, strings, booleans or null. */
  get(record: R, state: AtState): unknown;
}

export interface AtUdf<R> {
  name: string;
  type: 'string' | 'number';
  get(record: R): string | null;
}

export interface AtRows<R> {
  /** Ids in ascending order. */
  ids(): number[];
  get(id: number): R | undefined;
}

export interface AtEntity<R extends { id: number } = { id: number }> {
  /** The URL segment: `Companies`. */
  path: string;
  /** The entity's own name in entityInformation: `Company`. */
  label: string;
  fields: AtField<R>[];
  /** Null when the entity has no user-defined fields (then items carry no `userDefinedFields`). */
  udfs: AtUdf<R>[] | null;
  rows(state: AtState): AtRows<R>;
  canCreate: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  /** World-backed entities cache their match lists per data version; small lookup lists are filtered directly. */
  cached: boolean;
  /** Lower-cased field name → field. */
  fieldIndex: Map<string, AtField<R>>;
  udfIndex: Map<string, AtUdf<R>>;
}

export function defineEntity<R extends { id: number }>(spec: Omit<AtEntity<R>, 'fieldIndex' | 'udfIndex'>): AtEntity<R> {
  return {
    ...spec,
    fieldIndex: new Map(spec.fields.map((field) => [field.name.toLowerCase(), field])),
    udfIndex: new Map((spec.udfs ?? []).map((udf) => [udf.name.toLowerCase(), udf])),
  };
}

/** Fields the simulator keeps no data for: they exist on the real entity and answer a constant (mostly null). */
export function constants<R>(dataType: AtDataType, names: string[], value: unknown = null, readOnly = false): AtField<R>[] {
  return names.map((name) => ({ name, dataType, readOnly, get: () => value }));
}

export function picklistOf(values: readonly { id: number; name: string }[], defaultId?: number): PicklistValue[] {
  return values.map((value, index) => ({
    value: String(value.id),
    label: value.name,
    isDefaultValue: value.id === defaultId,
    sortOrder: index + 1,
    parentValue: '',
    isActive: true,
    isSystem: false,
  }));
}

export const lookupsAsPicklist = (lookups: readonly SimLookup[]) => picklistOf(lookups);

export const registryPicklist = (registry: LabelRegistry) => picklistOf(registry.entries().map(([id, name]) => ({ id, name })));

/** Rows backed by a plain array (lookup entities such as ConfigurationItemTypes). */
export function arrayRows<R extends { id: number }>(rows: readonly R[]): AtRows<R> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { ids: () => [...byId.keys()].sort((a, b) => a - b), get: (id) => byId.get(id) };
}

/** Serializes one row as the API does: every field in order, Dates as ISO strings, then the UDFs. */
export function shapeItem<R extends { id: number }>(entity: AtEntity<R>, row: R, state: AtState, only?: ReadonlySet<string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const field of entity.fields) {
    if (only && !only.has(field.name.toLowerCase())) continue;
    const value = field.get(row, state);
    item[field.name] = value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString()) : value;
  }
  if (entity.udfs) {
    const udfs = only ? entity.udfs.filter((udf) => only.has(udf.name.toLowerCase())) : entity.udfs;
    item.userDefinedFields = udfs.map((udf) => ({ name: udf.name, value: udf.get(row) }));
  }
  return item;
}
