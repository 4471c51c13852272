import type { SimCompany, SimConfiguration, SimContact } from '../world/types.js';
import type { SimWorld } from '../world/world.js';
import type { Catalogs } from './catalogs.js';
import type { JsonObject } from './conditions/evaluate.js';

/** What shaping needs: the API base for `_href`s, the world for names of referenced records, and the catalogs. */
export interface ShapeContext {
  api: string;
  world: SimWorld;
  catalogs: Catalogs;
  /** When a company was deleted through the API (dateDeleted); absent for companies deleted otherwise. */
  deletedAt: Map<number, Date>;
}

/** ConnectWise writes dates as `2024-01-31T08:00:00Z`: UTC, whole seconds. */
export const cwDate = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

/** The member that "entered" and "updated" simulated records. */
export const SIM_MEMBER = 'admin1';

export const communicationTypes = { email: { id: 1, name: 'Email' }, direct: { id: 2, name: 'Direct' }, cell: { id: 3, name: 'Cell' } } as const;

const guid = (kind: number, id: number) => `00000000-0000-4000-8${kind}00-${id.toString(16).padStart(12, '0')}`;

/** ConnectWise leaves null fields out of its JSON. */
function put(target: JsonObject, key: string, value: string | number | boolean | JsonObject | null | undefined) {
  if (value !== null && value !== undefined) target[key] = value;
}

export function ref(id: number, name: string | undefined, hrefKey: string, href: string): JsonObject {
  const out: JsonObject = { id };
  put(out, 'name', name);
  out._info = { [hrefKey]: href };
  return out;
}

function info(record: { createdAt: Date; updatedAt: Date }, extra: Record<string, string> = {}): JsonObject {
  return { lastUpdated: cwDate(record.updatedAt), updatedBy: SIM_MEMBER, dateEntered: cwDate(record.createdAt), enteredBy: SIM_MEMBER, ...extra };
}

export function companyRef(ctx: ShapeContext, companyId: number): JsonObject | undefined {
  const company = ctx.world.get('companies', companyId);
  if (!company) return undefined;
  return {
    id: company.id,
    identifier: company.identifier,
    name: company.name,
    _info: { company_href: `${ctx.api}/company/companies/${company.id}`, mobileGuid: guid(1, company.id) },
  };
}

const lookupName = (list: { id: number; name: string }[], id: number) => list.find((l) => l.id === id)?.name;

export function shapeCompany(ctx: ShapeContext, company: SimCompany): JsonObject {
  const { api, world, catalogs } = ctx;
  const out: JsonObject = { id: company.id, identifier: company.identifier, name: company.name };
  out.status = ref(company.statusId, lookupName(world.lookups.companyStatuses, company.statusId), 'status_href', `${api}/company/companies/statuses/${company.statusId}`);
  put(out, 'addressLine1', company.address1);
  put(out, 'city', company.city);
  put(out, 'state', company.state);
  put(out, 'zip', company.zip);
  if (company.country) {
    const countryId = catalogs.countries.idOf(company.country);
    out.country = ref(countryId, company.country, 'country_href', `${api}/company/countries/${countryId}`);
  }
  put(out, 'phoneNumber', company.phone);
  put(out, 'website', company.website);
  out.dateAcquired = cwDate(company.createdAt);
  out.leadFlag = false;
  out.unsubscribeFlag = false;
  out.deletedFlag = company.deleted;
  if (company.deleted) {
    out.dateDeleted = cwDate(ctx.deletedAt.get(company.id) ?? company.updatedAt);
    out.deletedBy = SIM_MEMBER;
  }
  out.mobileGuid = guid(1, company.id);
  const vendorTypeId = world.lookups.companyTypes.find((t) => t.name === 'Vendor')?.id;
  out.isVendorFlag = company.typeIds.includes(vendorTypeId ?? -1);
  out.types = company.typeIds.map((id) => ref(id, lookupName(world.lookups.companyTypes, id), 'type_href', `${api}/company/companies/types/${id}`));
  out.site = ref(company.id, 'Main', 'site_href', `${api}/company/companies/${company.id}/sites/${company.id}`);
  out._info = info(company, {
    contacts_href: `${api}/company/contacts?conditions=company/id=${company.id}`,
    configurations_href: `${api}/company/configurations?conditions=company/id=${company.id}`,
    sites_href: `${api}/company/companies/${company.id}/sites`,
    notes_href: `${api}/company/companies/${company.id}/notes`,
  });
  return out;
}

export function shapeConfiguration(ctx: ShapeContext, configuration: SimConfiguration): JsonObject {
  const { api, world, catalogs } = ctx;
  const out: JsonObject = { id: configuration.id, name: configuration.name };
  out.type = ref(configuration.typeId, lookupName(world.lookups.configurationTypes, configuration.typeId), 'type_href', `${api}/company/configurations/types/${configuration.typeId}`);
  out.status = ref(configuration.statusId, lookupName(world.lookups.configurationStatuses, configuration.statusId), 'status_href', `${api}/company/configurations/statuses/${configuration.statusId}`);
  put(out, 'company', companyRef(ctx, configuration.companyId));
  put(out, 'serialNumber', configuration.serialNumber);
  put(out, 'modelNumber', configuration.model);
  put(out, 'tagNumber', configuration.tagNumber);
  put(out, 'warrantyExpirationDate', configuration.warrantyExpiration ? `${configuration.warrantyExpiration}T00:00:00Z` : null);
  put(out, 'macAddress', configuration.macAddress);
  out.billFlag = false;
  put(out, 'ipAddress', configuration.ipAddress);
  put(out, 'osType', configuration.osType);
  if (configuration.manufacturer) {
    const manufacturerId = catalogs.manufacturers.idOf(configuration.manufacturer);
    out.manufacturer = ref(manufacturerId, configuration.manufacturer, 'manufacturer_href', `${api}/procurement/manufacturers/${manufacturerId}`);
  }
  out.questions = [];
  out.activeFlag = configuration.active;
  out.mobileGuid = guid(2, configuration.id);
  out.displayVendorFlag = false;
  out.showRemoteFlag = false;
  out.showAutomateFlag = false;
  out.needsRenewalFlag = false;
  out._info = info(configuration);
  return out;
}

export function shapeContact(ctx: ShapeContext, contact: SimContact): JsonObject {
  const { api, world } = ctx;
  const out: JsonObject = { id: contact.id, firstName: contact.firstName, lastName: contact.lastName };
  put(out, 'company', companyRef(ctx, contact.companyId));
  out.inactiveFlag = !contact.active;
  put(out, 'title', contact.title);
  out.marriedFlag = false;
  out.childrenFlag = false;
  out.disablePortalLoginFlag = false;
  out.unsubscribeFlag = false;
  out.mobileGuid = guid(3, contact.id);
  const defaultPhone = contact.phone ?? contact.mobile;
  if (defaultPhone) {
    out.defaultPhoneType = contact.phone ? communicationTypes.direct.name : communicationTypes.cell.name;
    out.defaultPhoneNbr = defaultPhone;
  }
  out.defaultBillingFlag = false;
  out.defaultFlag = false;
  out.communicationItems = communicationItems(ctx, contact);
  out.types = contact.typeIds.map((id) => ref(id, lookupName(world.lookups.contactTypes, id), 'type_href', `${api}/company/contacts/types/${id}`));
  out._info = info(contact, { communications_href: `${api}/company/contacts/${contact.id}/communications`, notes_href: `${api}/company/contacts/${contact.id}/notes` });
  return out;
}

/** Email, direct phone and cell phone as ConnectWise's communication items; the first of each kind is the default. */
function communicationItems(ctx: ShapeContext, contact: SimContact): JsonObject[] {
  const items: JsonObject[] = [];
  const typeRef = (type: { id: number; name: string }) => ref(type.id, type.name, 'type_href', `${ctx.api}/company/communicationTypes/${type.id}`);
  if (contact.email) {
    const at = contact.email.lastIndexOf('@');
    const item: JsonObject = { id: contact.id * 10 + 1, type: typeRef(communicationTypes.email), value: contact.email, defaultFlag: true };
    if (at >= 0) item.domain = contact.email.slice(at);
    item.communicationType = 'Email';
    items.push(item);
  }
  if (contact.phone) items.push({ id: contact.id * 10 + 2, type: typeRef(communicationTypes.direct), value: contact.phone, defaultFlag: true, communicationType: 'Phone' });
  if (contact.mobile) items.push({ id: contact.id * 10 + 3, type: typeRef(communicationTypes.cell), value: contact.mobile, defaultFlag: !contact.phone, communicationType: 'Phone' });
  return items;
}
