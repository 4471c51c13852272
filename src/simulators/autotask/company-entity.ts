import type { SimCompany } from '../world/types.js';
import { constants, defineEntity, lookupsAsPicklist, type AtField, type AtState } from './entity-model.js';

/**
 * Autotask Companies (the REST name of the old Account entity). Autotask has no company status picklist and never
 * soft-deletes companies: `isActive` is the status dimension, and a company the shared world marks deleted (a
 * ConnectWise notion) shows here as inactive. The world's status id is exposed as `classification`, a picklist MSPs
 * use freely, so status changes made through the control API stay visible.
 */
const api = 'Companies';

const text = (name: string, length: number, get: (c: SimCompany) => string | null, required = false): AtField<SimCompany> => ({
  name,
  dataType: 'string',
  length,
  required,
  get,
});

/** A steady, plausible UDF value per company, so `udf: true` filters have data to work on. */
const employeeCount = (company: SimCompany) => String(((company.id * 37) % 250) + 1);

export const companiesEntity = defineEntity<SimCompany>({
  path: api,
  label: 'Company',
  canCreate: true,
  canUpdate: true,
  cached: true,
  canDelete: false,
  rows: (state: AtState) => ({ ids: () => [...state.world.tables.companies.keys()], get: (id) => state.world.get('companies', id) }),
  udfs: [
    { name: 'Number of Employees', type: 'number', get: employeeCount },
    { name: 'Onboarding Notes', type: 'string', get: () => null },
  ],
  fields: [
    { name: 'id', dataType: 'long', readOnly: true, required: true, get: (c) => c.id },
    text('additionalAddressInformation', 100, () => ''),
    text('address1', 128, (c) => c.address1),
    ...constants<SimCompany>('string', ['address2', 'alternatePhone1', 'alternatePhone2']),
    ...constants<SimCompany>('integer', ['apiVendorID'], null, true),
    ...constants<SimCompany>('double', ['assetValue']),
    ...constants<SimCompany>('integer', ['billToCompanyLocationID']),
    ...constants<SimCompany>('string', ['billToAdditionalAddressInformation', 'billingAddress1', 'billingAddress2']),
    ...constants<SimCompany>('integer', ['billToAddressToUse'], 1),
    ...constants<SimCompany>('string', ['billToAttention', 'billToCity']),
    ...constants<SimCompany>('integer', ['billToCountryID']),
    ...constants<SimCompany>('string', ['billToState', 'billToZipCode']),
    text('city', 30, (c) => c.city),
    {
      name: 'classification',
      dataType: 'integer',
      picklist: (state) => lookupsAsPicklist(state.world.lookups.companyStatuses),
      get: (c) => c.statusId,
    },
    ...constants<SimCompany>('integer', ['companyCategoryID'], 1),
    text('companyName', 100, (c) => c.name, true),
    text('companyNumber', 50, (c) => c.identifier),
    {
      name: 'companyType',
      dataType: 'integer',
      required: true,
      picklist: (state) => lookupsAsPicklist(state.world.lookups.companyTypes),
      get: (c) => c.typeIds[0] ?? null,
    },
    ...constants<SimCompany>('integer', ['competitorID']),
    { name: 'countryID', dataType: 'integer', reference: 'Country', get: (c, state) => state.countries.idOf(c.country) },
    { name: 'createDate', dataType: 'datetime', readOnly: true, get: (c) => c.createdAt },
    ...constants<SimCompany>('integer', ['createdByResourceID'], null, true),
    ...constants<SimCompany>('integer', ['currencyID'], 1),
    text('fax', 25, () => ''),
    ...constants<SimCompany>('integer', ['impersonatorCreatorResourceID'], null, true),
    ...constants<SimCompany>('integer', ['invoiceEmailMessageID', 'invoiceMethod']),
    ...constants<SimCompany>('boolean', ['invoiceNonContractItemsToParentCompany'], false),
    ...constants<SimCompany>('integer', ['invoiceTemplateID']),
    { name: 'isActive', dataType: 'boolean', get: (c) => c.active && !c.deleted },
    ...constants<SimCompany>('boolean', ['isClientPortalActive', 'isEnabledForComanaged', 'isSample', 'isTaskFireActive', 'isTaxExempt'], false),
    { name: 'lastActivityDate', dataType: 'datetime', readOnly: true, get: (c) => c.updatedAt },
    { name: 'lastTrackedModifiedDateTime', dataType: 'datetime', readOnly: true, get: (c) => c.updatedAt },
    ...constants<SimCompany>('integer', ['marketSegmentID']),
    { name: 'ownerResourceID', dataType: 'integer', required: true, reference: 'Resource', get: () => 29682885 },
    ...constants<SimCompany>('integer', ['parentCompanyID']),
    text('phone', 25, (c) => c.phone, true),
    text('postalCode', 10, (c) => c.zip),
    ...constants<SimCompany>('integer', ['purchaseOrderTemplateID', 'quoteEmailMessageID', 'quoteTemplateID']),
    text('sicCode', 32, () => ''),
    text('state', 25, (c) => c.state),
    text('stockMarket', 10, () => ''),
    text('stockSymbol', 10, () => ''),
    ...constants<SimCompany>('double', ['surveyCompanyRating'], null, true),
    text('taxID', 50, () => ''),
    ...constants<SimCompany>('integer', ['taxRegionID', 'territoryID']),
    text('webAddress', 255, (c) => c.website),
  ],
});
