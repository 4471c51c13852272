import type { SimWorld } from '../world/world.js';
import type { SimContact } from '../world/types.js';
import { HaloBadInput, MAIN_SITE_NAME, type HaloEntity, bool, colourOf, compact, defined, integer, iso, orNull, text } from './halo-entity.js';
import { listParams } from './halo-query.js';
import { blankRecord } from '../world/blank-records.js';

const companyOf = (world: SimWorld, id: number) => {
  const company = world.get('companies', id);
  return company && !company.deleted ? company : undefined;
};

const fullName = (u: SimContact) => [u.firstName, u.lastName].filter(Boolean).join(' ');
const initials = (u: SimContact) => [u.firstName, u.lastName].map((n) => n.charAt(0).toUpperCase()).join('');

/**
 * Halo users (end users, the contacts of a client): each belongs to a site of a client. `site_id` is a number with a
 * fraction part in Halo's model (hence `site_id_int` beside it). Users have neither type nor status in Halo.
 */
export const haloUsers: HaloEntity<'contacts'> = {
  path: 'Users',
  kind: 'contacts',
  listKey: 'users',
  permission: 'customers',
  params: { ...listParams, client_id: 'int', site_id: 'int', toplevel_id: 'int', search_phonenumbers: 'bool' },
  defaultOrder: [{ field: 'name', desc: false }],
  visible: () => true,
  filter(bound, world) {
    const client = (bound.client_id as number | undefined) ?? (bound.site_id as number | undefined);
    const toplevel = bound.toplevel_id as number | undefined;
    if (client === undefined && toplevel === undefined) return undefined;
    return (u) => (client === undefined || u.companyId === client) && (toplevel === undefined || companyOf(world, u.companyId)?.typeIds[0] === toplevel);
  },
  searchText: (u) => [fullName(u), u.email ?? '', u.phone ?? '', u.mobile ?? ''],
  sortValue(u, field, world) {
    switch (field) {
      case 'id':
        return u.id;
      case 'name':
        return fullName(u).toLowerCase();
      case 'firstname':
        return u.firstName.toLowerCase();
      case 'surname':
        return u.lastName.toLowerCase();
      case 'emailaddress':
        return (u.email ?? '').toLowerCase();
      case 'client_id':
        return u.companyId;
      case 'client_name':
        return (companyOf(world, u.companyId)?.name ?? '').toLowerCase();
      case 'inactive':
        return u.active ? 0 : 1;
      case 'datecreated':
        return u.createdAt.getTime();
      case 'ulastupdate':
        return u.updatedAt.getTime();
      default:
        return undefined;
    }
  },
  toJson(u, world) {
    return compact({
      id: u.id,
      name: fullName(u),
      firstname: u.firstName,
      surname: u.lastName,
      initials: initials(u),
      title: u.title ?? undefined,
      emailaddress: u.email ?? '',
      phonenumber_preferred: u.phone ?? u.mobile ?? '',
      phonenumber: u.phone ?? '',
      mobilenumber: u.mobile ?? '',
      site_id: u.companyId,
      site_id_int: u.companyId,
      site_name: MAIN_SITE_NAME,
      client_id: u.companyId,
      client_name: companyOf(world, u.companyId)?.name ?? '',
      inactive: !u.active,
      colour: colourOf(u.id),
      isimportantcontact: u.typeIds.includes(1),
      datecreated: iso(u.createdAt),
      ulastupdate: iso(u.updatedAt),
      use: 'user',
    });
  },
  fromJson(item, world, existing) {
    const siteId = integer(item, 'site_id') ?? integer(item, 'site_id_int') ?? integer(item, 'client_id');
    if (!existing && siteId === undefined) throw new HaloBadInput('Please select a site for the user.');
    if (siteId !== undefined && !companyOf(world, siteId)) throw new HaloBadInput(`Site ${siteId} does not exist.`);
    let firstName = orNull(text(item, 'firstname'));
    let lastName = orNull(text(item, 'surname'));
    const name = orNull(text(item, 'name'));
    if (name && firstName === undefined && lastName === undefined) {
      // Halo splits a bare `name` at the last space into first name and surname.
      const at = name.lastIndexOf(' ');
      firstName = at > 0 ? name.slice(0, at) : '';
      lastName = at > 0 ? name.slice(at + 1) : name;
    }
    if (!existing && !firstName && !lastName) throw new HaloBadInput('Please enter a name for the user.');
    const inactive = bool(item, 'inactive');
    return defined<Partial<SimContact>>({
      companyId: siteId,
      firstName: firstName === undefined ? undefined : (firstName ?? ''),
      lastName: lastName === undefined ? undefined : (lastName ?? ''),
      title: orNull(text(item, 'title')),
      email: orNull(text(item, 'emailaddress')),
      phone: orNull(text(item, 'phonenumber')),
      mobile: orNull(text(item, 'mobilenumber')),
      active: inactive === undefined ? undefined : !inactive,
    });
  },
  createDefaults: (world) => blankRecord(world, 'contacts'),
};
