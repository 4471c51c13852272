import type { SimCompany, SimConfiguration, SimContact, SimLookup } from '../world/types.js';
import type { Json, JsonObject } from './conditions/evaluate.js';
import { property } from './conditions/evaluate.js';
import { invalidObject, type CwErrorItem } from './errors.js';
import { communicationTypes, type ShapeContext } from './shape.js';

type Values<T> = Omit<T, 'id' | 'createdAt' | 'updatedAt'>;
export type Mode = 'create' | 'update';

/**
 * Reads a ConnectWise request body into world values, collecting every problem as the real API does
 * (`{"code":"InvalidObject","message":"company object is invalid","errors":[…]}`). An update (PUT, or PATCH after
 * applying its operations) replaces the PSA's fields; types can only be given on create, as the API documents.
 */
class Reader {
  readonly errors: CwErrorItem[] = [];
  constructor(readonly body: JsonObject) {}

  text(field: string, options: { required?: boolean; max?: number } = {}): string | null {
    const value = property(this.body, field);
    if (value === null || value === '') {
      if (options.required) this.errors.push({ code: 'NullOrEmptyField', message: `The ${field} field is required.`, field });
      return null;
    }
    if (typeof value !== 'string') {
      this.errors.push({ code: 'InvalidField', message: `The field ${field} must be a string.`, field });
      return null;
    }
    if (options.max !== undefined && value.length > options.max) {
      this.errors.push({ code: 'MaxLengthField', message: `The field ${field} must be a string with a maximum length of ${options.max}.`, field });
    }
    return value;
  }

  flag(field: string, fallback: boolean): boolean {
    const value = property(this.body, field);
    if (value === null) return fallback;
    if (typeof value !== 'boolean') {
      this.errors.push({ code: 'InvalidField', message: `The field ${field} must be true or false.`, field });
      return fallback;
    }
    return value;
  }

  /** A reference `{id}` (or `{name}`) to a lookup; undefined when absent. */
  lookup(field: string, list: SimLookup[], label: string, required = false): number | undefined {
    const value = property(this.body, field);
    if (value === null) {
      if (required) this.errors.push({ code: 'NullOrEmptyField', message: `The ${field} field is required.`, field });
      return undefined;
    }
    const id = property(value, 'id');
    const name = property(value, 'name');
    const found = typeof id === 'number' ? list.find((l) => l.id === id) : typeof name === 'string' ? list.find((l) => l.name.toLowerCase() === name.toLowerCase()) : undefined;
    if (!found) {
      const shown = typeof id === 'number' ? String(id) : typeof name === 'string' ? `'${name}'` : JSON.stringify(value);
      this.errors.push({ code: 'NotFound', message: `${label} ${shown} not found`, field: `${field}/id` });
      return undefined;
    }
    return found.id;
  }

  lookupList(field: string, list: SimLookup[], label: string, values: Json): number[] {
    if (!Array.isArray(values)) {
      this.errors.push({ code: 'InvalidField', message: `The field ${field} must be a list.`, field });
      return [];
    }
    return values.flatMap((entry, index) => {
      const body = typeof entry === 'number' ? { id: entry } : entry;
      const id = new Reader({ [field]: body } as JsonObject);
      const found = id.lookup(field, list, label);
      this.errors.push(...id.errors.map((e) => ({ ...e, field: `${field}/${index}/id` })));
      return found === undefined ? [] : [found];
    });
  }

  companyId(field: string, ctx: ShapeContext, required: boolean): number | undefined {
    const value = property(this.body, field);
    if (value === null) {
      if (required) this.errors.push({ code: 'NullOrEmptyField', message: `The ${field} field is required.`, field });
      return undefined;
    }
    const id = property(value, 'id');
    const identifier = property(value, 'identifier');
    let found: SimCompany | undefined;
    if (typeof id === 'number') found = ctx.world.get('companies', id);
    else if (typeof identifier === 'string') {
      for (const company of ctx.world.all('companies')) if (company.identifier.toLowerCase() === identifier.toLowerCase()) found = company;
    }
    if (!found) this.errors.push({ code: 'NotFound', message: `Company ${typeof id === 'number' ? id : `'${identifier}'`} not found`, field: `${field}/id` });
    return found?.id;
  }

  /** A named reference resolved through a catalog (manufacturer, country). */
  catalogName(field: string, nameOf: (id: number) => string | undefined, label: string): string | null {
    const value = property(this.body, field);
    if (value === null) return null;
    const name = property(value, 'name');
    if (typeof name === 'string' && name) return name;
    const id = property(value, 'id');
    const found = typeof id === 'number' ? nameOf(id) : undefined;
    if (!found) this.errors.push({ code: 'NotFound', message: `${label} ${JSON.stringify(id ?? value)} not found`, field: `${field}/id` });
    return found ?? null;
  }

  finish(resource: string) {
    if (this.errors.length) throw invalidObject(resource, this.errors);
  }
}

export function readCompany(ctx: ShapeContext, body: JsonObject, mode: Mode, existing?: SimCompany): Values<SimCompany> {
  const read = new Reader(body);
  const { lookups } = ctx.world;
  const identifier = read.text('identifier', { required: true, max: 156 });
  const name = read.text('name', { required: true, max: 156 });
  if (identifier) {
    const lower = identifier.toLowerCase();
    for (const company of ctx.world.all('companies')) {
      if (company.id !== existing?.id && company.identifier.toLowerCase() === lower) {
        read.errors.push({ code: 'InvalidField', message: `The identifier '${identifier}' is already in use by another company.`, field: 'identifier' });
        break;
      }
    }
  }
  const statusId = read.lookup('status', lookups.companyStatuses, 'Company Status') ?? existing?.statusId ?? lookups.companyStatuses[0]!.id;
  const typesValue = property(body, 'types');
  const typeIds =
    mode === 'create' ? (typesValue === null ? [lookups.companyTypes[0]!.id] : read.lookupList('types', lookups.companyTypes, 'Company Type', typesValue)) : (existing?.typeIds ?? []);
  const values: Values<SimCompany> = {
    identifier: identifier ?? '',
    name: name ?? '',
    typeIds,
    statusId,
    phone: read.text('phoneNumber', { max: 30 }),
    website: read.text('website', { max: 1024 }),
    address1: read.text('addressLine1', { max: 50 }),
    city: read.text('city', { max: 50 }),
    state: read.text('state', { max: 50 }),
    zip: read.text('zip', { max: 12 }),
    country: read.catalogName('country', (id) => ctx.catalogs.countries.nameOf(id), 'Country'),
    deleted: existing?.deleted ?? false,
    active: existing?.active ?? true,
  };
  read.finish('company');
  return values;
}

export function readConfiguration(ctx: ShapeContext, body: JsonObject, existing?: SimConfiguration): Values<SimConfiguration> {
  const read = new Reader(body);
  const { lookups } = ctx.world;
  const name = read.text('name', { required: true, max: 100 });
  const typeId = read.lookup('type', lookups.configurationTypes, 'Configuration Type', true);
  const companyId = read.companyId('company', ctx, true);
  const statusId = read.lookup('status', lookups.configurationStatuses, 'Configuration Status') ?? existing?.statusId ?? lookups.configurationStatuses[0]!.id;
  const warranty = read.text('warrantyExpirationDate');
  if (warranty && Number.isNaN(Date.parse(warranty))) {
    read.errors.push({ code: 'InvalidField', message: `The value '${warranty}' is not a valid date for warrantyExpirationDate.`, field: 'warrantyExpirationDate' });
  }
  const values: Values<SimConfiguration> = {
    companyId: companyId ?? 0,
    name: name ?? '',
    typeId: typeId ?? 0,
    statusId,
    serialNumber: read.text('serialNumber', { max: 250 }),
    tagNumber: read.text('tagNumber', { max: 50 }),
    hostname: existing?.hostname ?? null,
    macAddress: read.text('macAddress', { max: 25 }),
    ipAddress: read.text('ipAddress', { max: 50 }),
    manufacturer: read.catalogName('manufacturer', (id) => ctx.catalogs.manufacturers.nameOf(id), 'Manufacturer'),
    model: read.text('modelNumber', { max: 50 }),
    osType: read.text('osType', { max: 250 }),
    warrantyExpiration: warranty && !Number.isNaN(Date.parse(warranty)) ? new Date(Date.parse(warranty)).toISOString().slice(0, 10) : null,
    active: read.flag('activeFlag', true),
  };
  read.finish('configuration');
  return values;
}

export function readContact(ctx: ShapeContext, body: JsonObject, mode: Mode, existing?: SimContact): Values<SimContact> {
  const read = new Reader(body);
  const { lookups } = ctx.world;
  const firstName = read.text('firstName', { required: true, max: 30 });
  const lastName = read.text('lastName', { max: 30 });
  const companyId = read.companyId('company', ctx, false);
  let typeIds = existing?.typeIds ?? [];
  if (mode === 'create') {
    const ids = property(body, 'typeIds');
    const types = property(body, 'types');
    if (ids !== null) typeIds = read.lookupList('typeIds', lookups.contactTypes, 'Contact Type', ids);
    else if (types !== null) typeIds = read.lookupList('types', lookups.contactTypes, 'Contact Type', types);
  }
  const values: Values<SimContact> = {
    companyId: companyId ?? 0,
    firstName: firstName ?? '',
    lastName: lastName ?? '',
    title: read.text('title', { max: 100 }),
    typeIds,
    ...readCommunicationItems(read, property(body, 'communicationItems')),
    active: !read.flag('inactiveFlag', false),
  };
  read.finish('contact');
  return values;
}

/** The default (else first) email, direct phone and cell phone among the items. */
function readCommunicationItems(read: Reader, items: Json): Pick<SimContact, 'email' | 'phone' | 'mobile'> {
  const found: Record<'email' | 'phone' | 'mobile', { value: string; isDefault: boolean } | undefined> = { email: undefined, phone: undefined, mobile: undefined };
  if (items === null) return { email: null, phone: null, mobile: null };
  if (!Array.isArray(items)) {
    read.errors.push({ code: 'InvalidField', message: 'The field communicationItems must be a list.', field: 'communicationItems' });
    return { email: null, phone: null, mobile: null };
  }
  items.forEach((item, index) => {
    const value = property(item, 'value');
    if (typeof value !== 'string' || !value) {
      read.errors.push({ code: 'NullOrEmptyField', message: 'The value field is required.', field: `communicationItems/${index}/value` });
      return;
    }
    const typeId = property(property(item, 'type'), 'id');
    const typeName = String(property(property(item, 'type'), 'name') ?? '').toLowerCase();
    const communicationType = String(property(item, 'communicationType') ?? '').toLowerCase();
    const slot =
      communicationType === 'email' || typeId === communicationTypes.email.id || typeName === 'email'
        ? 'email'
        : typeId === communicationTypes.cell.id || typeName === 'cell' || typeName === 'mobile'
          ? 'mobile'
          : 'phone';
    if (slot === 'email' && !value.includes('@')) {
      read.errors.push({ code: 'InvalidField', message: `'${value}' is not a valid email address.`, field: `communicationItems/${index}/value` });
      return;
    }
    const isDefault = property(item, 'defaultFlag') === true;
    if (!found[slot] || (isDefault && !found[slot].isDefault)) found[slot] = { value, isDefault };
  });
  return { email: found.email?.value ?? null, phone: found.phone?.value ?? null, mobile: found.mobile?.value ?? null };
}
