import type { SimCompany } from '../world/types.js';
import { HaloBadInput, MAIN_SITE_NAME, type HaloEntity, type Json, bool, colourOf, compact, defined, integer, iso, nameOf, orNull, text } from './halo-entity.js';
import { listParams } from './halo-query.js';
import { blankRecord } from '../world/blank-records.js';

/**
 * Halo clients ("customers", the `Area` model). Every client sits under one top level; the simulator's top levels
 * are the world's company types. Halo has no client status beyond `inactive`; its address and phone live on the main
 * site, surfaced on the client as `main_*` fields. Address lines are free text in Halo: the simulator writes street,
 * city, region and country into line1–line4.
 */
export const haloClients: HaloEntity<'companies'> = {
  path: 'Client',
  kind: 'companies',
  listKey: 'clients',
  permission: 'customers',
  params: { ...listParams, toplevel_id: 'int', include_website: 'bool', search_name_only: 'string' },
  defaultOrder: [{ field: 'name', desc: false }],
  visible: (company) => !company.deleted,
  filter(bound) {
    const toplevel = bound.toplevel_id as number | undefined;
    const nameOnly = (bound.search_name_only as string | undefined)?.toLowerCase();
    if (toplevel === undefined && !nameOnly) return undefined;
    return (c) => (toplevel === undefined || c.typeIds[0] === toplevel) && (!nameOnly || c.name.toLowerCase().includes(nameOnly));
  },
  searchText: (c) => [c.name, c.website ?? '', c.phone ?? ''],
  sortValue(c, field, world) {
    switch (field) {
      case 'id':
        return c.id;
      case 'name':
        return c.name.toLowerCase();
      case 'toplevel_id':
        return c.typeIds[0] ?? 0;
      case 'toplevel_name':
        return nameOf(world.lookups.companyTypes, c.typeIds[0]).toLowerCase();
      case 'inactive':
        return c.active ? 0 : 1;
      case 'datecreated':
        return c.createdAt.getTime();
      case 'alastupdate':
        return c.updatedAt.getTime();
      default:
        return undefined;
    }
  },
  toJson(c, world, { single, bound }) {
    const toplevelId = c.typeIds[0] ?? 0;
    return compact({
      id: c.id,
      name: c.name,
      toplevel_id: toplevelId,
      toplevel_name: nameOf(world.lookups.companyTypes, toplevelId),
      inactive: !c.active,
      colour: colourOf(c.id),
      website: single || bound.include_website === true ? (c.website ?? '') : undefined,
      main_site_id: c.id,
      main_site_name: MAIN_SITE_NAME,
      main_phonenumber: c.phone ?? '',
      main_delivery_address: compact({ line1: c.address1, line2: c.city, line3: c.state, line4: c.country, postcode: c.zip }),
      datecreated: iso(c.createdAt),
      alastupdate: iso(c.updatedAt),
      stopped: 0,
      customertype: 0,
      is_vip: false,
      percentage_to_survey: 0,
      use: 'client',
    });
  },
  fromJson(item, world, existing) {
    const name = orNull(text(item, 'name'));
    if (!existing && !name) throw new HaloBadInput('Please enter a name for the client.');
    if (existing && name === null) throw new HaloBadInput('The client name cannot be empty.');
    const toplevel = integer(item, 'toplevel_id');
    if (toplevel !== undefined && !world.lookups.companyTypes.some((t) => t.id === toplevel)) throw new HaloBadInput(`Top level ${toplevel} does not exist.`);
    const inactive = bool(item, 'inactive');
    const address = (item.main_delivery_address ?? item.newclient_delivery_address) as Json | undefined | null;
    if (address !== undefined && address !== null && (typeof address !== 'object' || Array.isArray(address))) throw new HaloBadInput('The address must be an object.');
    const phone = text(item, 'main_phonenumber') ?? text(item, 'newclient_phonenumber');
    const changes: Partial<SimCompany> = {
      name: name ?? undefined,
      typeIds: toplevel === undefined ? undefined : [toplevel],
      active: inactive === undefined ? undefined : !inactive,
      website: orNull(text(item, 'website')),
      phone: orNull(phone),
    };
    if (address) {
      Object.assign(changes, {
        address1: orNull(text(address, 'line1')),
        city: orNull(text(address, 'line2')),
        state: orNull(text(address, 'line3')),
        country: orNull(text(address, 'line4')),
        zip: orNull(text(address, 'postcode')),
      });
    }
    return defined(changes);
  },
  createDefaults: (world) => blankRecord(world, 'companies'),
};

export type { Json };
