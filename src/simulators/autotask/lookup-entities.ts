import { arrayRows, defineEntity, type AtState } from './entity-model.js';

/**
 * Small reference entities: ConfigurationItemTypes (the same list as the `configurationItemType` picklist) and
 * Countries, which Companies reference by `countryID`.
 */
interface CiTypeRow {
  id: number;
  name: string;
  isActive: boolean;
}

export const configurationItemTypesEntity = defineEntity<CiTypeRow>({
  path: 'ConfigurationItemTypes',
  label: 'ConfigurationItemType',
  canCreate: false,
  canUpdate: false,
  canDelete: false,
  cached: false,
  udfs: null,
  rows: (state: AtState) => arrayRows(state.world.lookups.configurationTypes.map((type) => ({ ...type, isActive: true }))),
  fields: [
    { name: 'id', dataType: 'long', readOnly: true, required: true, get: (t) => t.id },
    { name: 'isActive', dataType: 'boolean', required: true, get: (t) => t.isActive },
    { name: 'name', dataType: 'string', length: 100, required: true, get: (t) => t.name },
  ],
});

interface CountryRow {
  id: number;
  name: string;
}

/** Countries with codes; any other country name met in the data is registered with a new id (no code). */
const countryCodes: [number, string, string][] = [
  [237, 'United States', 'US'],
  [236, 'United Kingdom', 'GB'],
  [40, 'Canada', 'CA'],
  [14, 'Australia', 'AU'],
  [84, 'Germany', 'DE'],
  [108, 'Ireland', 'IE'],
  [78, 'France', 'FR'],
  [159, 'Netherlands', 'NL'],
  [162, 'New Zealand', 'NZ'],
];
const codeById = new Map(countryCodes.map(([id, , code]) => [id, code]));
export const seedCountries = countryCodes.map(([id, name]) => [id, name] as const);
export const firstFreeCountryId = 1000;

export const countriesEntity = defineEntity<CountryRow>({
  path: 'Countries',
  label: 'Country',
  canCreate: false,
  canUpdate: false,
  canDelete: false,
  cached: false,
  udfs: null,
  rows: (state: AtState) => arrayRows(state.countries.entries().map(([id, name]) => ({ id, name }))),
  fields: [
    { name: 'id', dataType: 'long', readOnly: true, required: true, get: (c) => c.id },
    { name: 'addressFormatID', dataType: 'integer', get: () => 1 },
    { name: 'countryCode', dataType: 'string', length: 2, get: (c) => codeById.get(c.id) ?? null },
    { name: 'displayName', dataType: 'string', length: 100, get: (c) => c.name },
    { name: 'invoiceTemplateID', dataType: 'integer', get: () => null },
    { name: 'isActive', dataType: 'boolean', get: () => true },
    { name: 'isDefaultCountry', dataType: 'boolean', get: (c) => c.id === 237 },
    { name: 'name', dataType: 'string', length: 100, get: (c) => c.name },
    { name: 'purchaseOrderTemplateID', dataType: 'integer', get: () => null },
    { name: 'quoteTemplateID', dataType: 'integer', get: () => null },
  ],
});
