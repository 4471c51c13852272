import type { CanonicalConfiguration, CanonicalContact, CanonicalOrganization, PsaRef, ReconcileEntry } from '../../psa/canonical.js';
import type { HaloAsset, HaloClient, HaloNamed, HaloUser } from './halo-types.js';

/**
 * Halo JSON → canonical records. What maps to what, and why:
 * - organization type = the client's top level (every Halo client sits under exactly one; MSPs use top levels to
 *   separate managed customers, prospects, suppliers…); organization status = none (Halo clients are only active or
 *   inactive, which is `active`).
 * - configuration type = asset type; configuration status = asset status (`status_id`).
 * - contacts (Halo users) have neither type nor status.
 * - address: Halo's main-site address is free text in line1–line4; read as street, city, region, country.
 * - Halo has no soft delete: `deleted` is always false, a deleted record stops being listed.
 */
// A non-text value (a number, an object from a custom field) passes through: the sync's record validation reports it.
const blankToNull = (value: string | null | undefined) => (value === undefined || value === null || (typeof value === 'string' && value.trim() === '') ? null : value);

/** Halo serializes UTC date-times with or without a zone designator; both mean UTC. */
export function haloDateToIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const time = Date.parse(zoned);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const ref = (id: number | null | undefined, name: string | null | undefined): PsaRef | null =>
  id === null || id === undefined || id <= 0 ? null : { id: String(id), name: name ?? '' };

const parentOf = (clientId: number | null | undefined) => (clientId === null || clientId === undefined || clientId <= 0 ? null : String(clientId));

export function mapClient(client: HaloClient): CanonicalOrganization {
  const address = client.main_delivery_address ?? {};
  const name = client.name ?? '';
  return {
    kind: 'organization',
    externalId: String(client.id),
    name,
    type: ref(client.toplevel_id, client.toplevel_name),
    status: null,
    parentExternalId: null,
    updatedAt: haloDateToIso(client.alastupdate),
    active: client.inactive !== true,
    deleted: false,
    fields: {
      name,
      website: blankToNull(client.website),
      phone: blankToNull(client.main_phonenumber),
      address: blankToNull(address.line1),
      city: blankToNull(address.line2),
      region: blankToNull(address.line3),
      country: blankToNull(address.line4),
      postalCode: blankToNull(address.postcode),
    },
  };
}

/** An asset field's shown value, found by any of its usual names (asset fields are configured per asset type). */
export function assetField(asset: HaloAsset, ...names: string[]): string | null {
  const wanted = names.map((n) => n.toLowerCase());
  const field = asset.fields?.find((f) => typeof f.name === 'string' && wanted.includes(f.name.toLowerCase()));
  if (!field) return null;
  const shown = field.display ?? (field.value === null || field.value === undefined ? null : String(field.value));
  return blankToNull(shown);
}

export function mapAsset(asset: HaloAsset): CanonicalConfiguration {
  const name = blankToNull(asset.key_field) ?? blankToNull(asset.inventory_number) ?? `Asset ${asset.id}`;
  return {
    kind: 'configuration',
    externalId: String(asset.id),
    name,
    type: ref(asset.assettype_id, asset.assettype_name),
    status: ref(asset.status_id, asset.status_name),
    parentExternalId: parentOf(asset.client_id),
    updatedAt: haloDateToIso(asset.dlastupdate),
    active: asset.inactive !== true,
    deleted: false,
    fields: {
      name,
      serialNumber: assetField(asset, 'Serial Number', 'Serial No', 'Serial'),
      assetTag: blankToNull(asset.inventory_number),
      hostname: assetField(asset, 'Hostname', 'Host Name', 'Computer Name'),
      macAddress: assetField(asset, 'MAC Address', 'MAC'),
      ipAddress: assetField(asset, 'IP Address', 'IP'),
      manufacturer: assetField(asset, 'Manufacturer', 'Make'),
      model: assetField(asset, 'Model'),
      operatingSystem: assetField(asset, 'Operating System', 'OS'),
      warrantyExpiresOn: haloDateToIso(asset.warranty_end)?.slice(0, 10) ?? null,
    },
  };
}

export function mapUser(user: HaloUser): CanonicalContact {
  let firstName = user.firstname ?? '';
  let lastName = user.surname ?? '';
  if (!firstName && !lastName && user.name) {
    const at = user.name.lastIndexOf(' ');
    firstName = at > 0 ? user.name.slice(0, at) : '';
    lastName = at > 0 ? user.name.slice(at + 1) : user.name;
  }
  return {
    kind: 'contact',
    externalId: String(user.id),
    name: blankToNull(user.name) ?? [firstName, lastName].filter(Boolean).join(' '),
    type: null,
    status: null,
    parentExternalId: parentOf(user.client_id),
    updatedAt: haloDateToIso(user.ulastupdate),
    active: user.inactive !== true,
    deleted: false,
    fields: {
      firstName,
      lastName,
      title: blankToNull(user.title),
      email: blankToNull(user.emailaddress),
      phone: blankToNull(user.phonenumber),
      mobile: blankToNull(user.mobilenumber),
    },
  };
}

export const clientEntry = (client: HaloClient): ReconcileEntry => ({
  externalId: String(client.id),
  typeId: ref(client.toplevel_id, client.toplevel_name)?.id ?? null,
  statusId: null,
  parentExternalId: null,
  active: client.inactive !== true,
  deleted: false,
});

export const assetEntry = (asset: HaloAsset): ReconcileEntry => ({
  externalId: String(asset.id),
  typeId: ref(asset.assettype_id, null)?.id ?? null,
  statusId: ref(asset.status_id, null)?.id ?? null,
  parentExternalId: parentOf(asset.client_id),
  active: asset.inactive !== true,
  deleted: false,
});

export const userEntry = (user: HaloUser): ReconcileEntry => ({
  externalId: String(user.id),
  typeId: null,
  statusId: null,
  parentExternalId: parentOf(user.client_id),
  active: user.inactive !== true,
  deleted: false,
});

export const lookupRefs = (items: HaloNamed[]): PsaRef[] => items.map((i) => ({ id: String(i.id), name: i.name ?? '' }));
