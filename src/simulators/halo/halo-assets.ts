import type { SimWorld } from '../world/world.js';
import type { SimConfiguration } from '../world/types.js';
import { HaloBadInput, MAIN_SITE_NAME, type HaloEntity, type Json, bool, colourOf, compact, defined, integer, iso, nameOf, orNull, text } from './halo-entity.js';
import { listParams } from './halo-query.js';
import { blankRecord } from '../world/blank-records.js';

/**
 * The asset fields ("typeinfo") every simulated asset type carries. Key fields 1–3 are what Halo shows as the asset's
 * identity (`key_field`, `key_field2`, `key_field3`); the others come in `fields` when asked for.
 */
export const assetFields = [
  { id: 1, name: 'Device Name', prop: 'name' },
  { id: 2, name: 'Serial Number', prop: 'serialNumber' },
  { id: 3, name: 'Hostname', prop: 'hostname' },
  { id: 4, name: 'MAC Address', prop: 'macAddress' },
  { id: 5, name: 'IP Address', prop: 'ipAddress' },
  { id: 6, name: 'Manufacturer', prop: 'manufacturer' },
  { id: 7, name: 'Model', prop: 'model' },
  { id: 8, name: 'Operating System', prop: 'osType' },
] as const satisfies readonly { id: number; name: string; prop: keyof SimConfiguration }[];

function fieldsJson(a: SimConfiguration) {
  return assetFields.map((f) => ({ id: f.id, name: f.name, value: a[f.prop] ?? '', display: a[f.prop] ?? '', typeinfo_id: f.id }));
}

const companyName = (world: SimWorld, id: number) => {
  const company = world.get('companies', id);
  return company && !company.deleted ? company.name : '';
};

/**
 * Halo assets (the `Device` model): `inventory_number` is the asset tag, the asset type is the configuration type and
 * `status_id` the asset status. `warranty_end` is a date-time; `dlastupdate` is the last change.
 */
export const haloAssets: HaloEntity<'configurations'> = {
  path: 'Asset',
  kind: 'configurations',
  listKey: 'assets',
  permission: 'assets',
  params: {
    ...listParams,
    client_id: 'int',
    site_id: 'int',
    assettype_id: 'int',
    assettypes: 'intlist',
    assetstatuses: 'intlist',
    includeassetfields: 'bool',
    search_inventory_number_only: 'bool',
  },
  defaultOrder: [{ field: 'id', desc: false }],
  visible: () => true,
  filter(bound) {
    const client = (bound.client_id as number | undefined) ?? (bound.site_id as number | undefined);
    const type = bound.assettype_id as number | undefined;
    const types = bound.assettypes as number[] | undefined;
    const statuses = bound.assetstatuses as number[] | undefined;
    if (client === undefined && type === undefined && !types && !statuses) return undefined;
    return (a) =>
      (client === undefined || a.companyId === client) &&
      (type === undefined || a.typeId === type) &&
      (!types || types.includes(a.typeId)) &&
      (!statuses || statuses.includes(a.statusId));
  },
  searchText: (a) => [a.tagNumber ?? '', a.name, a.serialNumber ?? '', a.hostname ?? ''],
  sortValue(a, field, world) {
    switch (field) {
      case 'id':
        return a.id;
      case 'inventory_number':
        return (a.tagNumber ?? '').toLowerCase();
      case 'key_field':
        return a.name.toLowerCase();
      case 'key_field2':
        return (a.serialNumber ?? '').toLowerCase();
      case 'client_id':
        return a.companyId;
      case 'client_name':
        return companyName(world, a.companyId).toLowerCase();
      case 'assettype_id':
        return a.typeId;
      case 'assettype_name':
        return nameOf(world.lookups.configurationTypes, a.typeId).toLowerCase();
      case 'status_id':
        return a.statusId;
      case 'inactive':
        return a.active ? 0 : 1;
      case 'dlastupdate':
        return a.updatedAt.getTime();
      default:
        return undefined;
    }
  },
  toJson(a, world, { single, bound }) {
    return compact({
      id: a.id,
      inventory_number: a.tagNumber ?? '',
      key_field: a.name,
      key_field2: a.serialNumber ?? '',
      key_field3: a.hostname ?? '',
      client_id: a.companyId,
      client_name: companyName(world, a.companyId),
      site_id: a.companyId,
      site_name: MAIN_SITE_NAME,
      assettype_id: a.typeId,
      assettype_name: nameOf(world.lookups.configurationTypes, a.typeId),
      colour: colourOf(a.typeId),
      inactive: !a.active,
      status_id: a.statusId,
      status_name: nameOf(world.lookups.configurationStatuses, a.statusId),
      warranty_end: a.warrantyExpiration ? `${a.warrantyExpiration}T00:00:00Z` : undefined,
      device_number: a.id,
      dlastupdate: iso(a.updatedAt),
      fields: single || bound.includeassetfields === true ? fieldsJson(a) : undefined,
      use: 'asset',
    });
  },
  fromJson(item, world, existing) {
    const clientId = integer(item, 'client_id') ?? integer(item, 'site_id');
    const typeId = integer(item, 'assettype_id');
    const statusId = integer(item, 'status_id');
    if (!existing && clientId === undefined) throw new HaloBadInput('Please select a client and site for the asset.');
    if (!existing && typeId === undefined) throw new HaloBadInput('Please select an asset type.');
    if (clientId !== undefined && !world.get('companies', clientId)) throw new HaloBadInput(`Client ${clientId} does not exist.`);
    if (typeId !== undefined && !world.lookups.configurationTypes.some((t) => t.id === typeId)) throw new HaloBadInput(`Asset type ${typeId} does not exist.`);
    if (statusId !== undefined && !world.lookups.configurationStatuses.some((s) => s.id === statusId)) throw new HaloBadInput(`Asset status ${statusId} does not exist.`);
    const inactive = bool(item, 'inactive');
    const warranty = orNull(text(item, 'warranty_end'));
    if (warranty && Number.isNaN(Date.parse(warranty))) throw new HaloBadInput('The field warranty_end must be a date.');
    const changes: Partial<SimConfiguration> = {
      companyId: clientId,
      typeId,
      statusId,
      active: inactive === undefined ? undefined : !inactive,
      tagNumber: orNull(text(item, 'inventory_number')),
      serialNumber: orNull(text(item, 'key_field2')),
      hostname: orNull(text(item, 'key_field3')),
      warrantyExpiration: warranty === undefined ? undefined : warranty === null ? null : new Date(warranty).toISOString().slice(0, 10),
    };
    const name = orNull(text(item, 'key_field'));
    if (name) changes.name = name;
    Object.assign(changes, fieldChanges(item.fields));
    return defined(changes);
  },
  createDefaults: (world) => blankRecord(world, 'configurations'),
};

/** `fields: [{id | name, value}]` sets asset fields by their typeinfo id or name. */
function fieldChanges(fields: unknown): Partial<SimConfiguration> {
  if (fields === undefined || fields === null) return {};
  if (!Array.isArray(fields)) throw new HaloBadInput('The field fields must be an array.');
  const changes: Record<string, string | null> = {};
  for (const raw of fields as Json[]) {
    if (!raw || typeof raw !== 'object') throw new HaloBadInput('Each asset field must be an object.');
    const field = assetFields.find((f) => f.id === raw.id || (typeof raw.name === 'string' && f.name.toLowerCase() === raw.name.toLowerCase()));
    if (!field) continue; // Halo ignores fields the asset type does not have
    const value = orNull(text(raw, 'value'));
    if (field.prop === 'name' && !value) throw new HaloBadInput('The asset device name cannot be empty.');
    changes[field.prop] = value ?? null;
  }
  return changes as Partial<SimConfiguration>;
}
