import type { FastifyInstance } from 'fastify';
import type { SimCompany, SimConfiguration } from '../world/types.js';
import { BodyReader, defined } from './body-reader.js';
import { configurationItemsEntity } from './configuration-item-entity.js';
import { companiesEntity } from './company-entity.js';
import { invalid } from './errors.js';
import { findItem } from './info-routes.js';
import type { AutotaskRuntime } from './runtime.js';
import { blankRecord } from '../world/blank-records.js';

/**
 * Writes as Autotask takes them: POST creates and PATCH updates (the id in the body) on `Companies` and
 * `ConfigurationItems`, answering `{itemId}`. Read-only fields in a body (dates, RMM audit data) are ignored, as by
 * the real API; invalid picklist or reference values are refused. Contacts are written under their company.
 */
export function registerWriteRoutes(app: FastifyInstance, runtime: AutotaskRuntime) {
  const { world } = runtime.state;

  app.post('/Companies', async (request) => {
    const body = new BodyReader(request.body);
    const values = companyValues(runtime, body, true);
    const created = world.create('companies', { ...blankRecord(world, 'companies'), ...values });
    if (!created.identifier) world.update('companies', created.id, { identifier: `Company${created.id}` });
    return { itemId: created.id };
  });

  app.patch('/Companies', async (request) => {
    const body = new BodyReader(request.body);
    const company = findItem(runtime, companiesEntity, body.integer('id', { required: true })!);
    world.update('companies', company.id, companyValues(runtime, body, false));
    return { itemId: company.id };
  });

  app.post('/ConfigurationItems', async (request) => {
    const body = new BodyReader(request.body);
    body.integer('productID', { required: true });
    const values = configurationValues(runtime, body, true);
    const created = world.create('configurations', { ...blankRecord(world, 'configurations'), ...values });
    return { itemId: created.id };
  });

  app.patch('/ConfigurationItems', async (request) => {
    const body = new BodyReader(request.body);
    const item = findItem(runtime, configurationItemsEntity, body.integer('id', { required: true })!);
    world.update('configurations', item.id, configurationValues(runtime, body, false));
    return { itemId: item.id };
  });
}

function companyValues(runtime: AutotaskRuntime, body: BodyReader, creating: boolean): Partial<SimCompany> {
  const { world, countries } = runtime.state;
  const companyType = body.integer('companyType', { required: creating });
  if (companyType !== undefined && !world.lookups.companyTypes.some((type) => type.id === companyType)) {
    throw invalid(`The value '${companyType}' is not a valid picklist value for the field 'companyType'.`);
  }
  const classification = body.integer('classification');
  if (classification !== undefined && classification !== null && !world.lookups.companyStatuses.some((status) => status.id === classification)) {
    throw invalid(`The value '${classification}' is not a valid picklist value for the field 'classification'.`);
  }
  const countryId = body.integer('countryID');
  const country = countryId === undefined || countryId === null ? countryId : countries.labelOf(countryId);
  if (country === undefined && countryId !== undefined) throw invalid(`The value '${countryId}' is not a valid reference for the field 'countryID'.`);
  return defined({
    name: body.text('companyName', { required: creating, max: 100 }) ?? undefined,
    identifier: body.text('companyNumber', { max: 50 }) ?? undefined,
    typeIds: companyType === undefined || companyType === null ? undefined : [companyType],
    statusId: classification ?? undefined,
    phone: body.text('phone', { required: creating, max: 25 }),
    website: body.text('webAddress', { max: 255 }),
    address1: body.text('address1', { max: 128 }),
    city: body.text('city', { max: 30 }),
    state: body.text('state', { max: 25 }),
    zip: body.text('postalCode', { max: 10 }),
    country,
    active: body.boolean('isActive'),
  });
}

function configurationValues(runtime: AutotaskRuntime, body: BodyReader, creating: boolean): Partial<SimConfiguration> {
  const { world } = runtime.state;
  const companyId = body.integer('companyID', { required: creating });
  if (companyId !== undefined && (companyId === null || !world.get('companies', companyId))) {
    throw invalid(`The value '${companyId}' is not a valid reference for the field 'companyID'.`);
  }
  const type = body.integer('configurationItemType');
  if (type !== undefined && type !== null && !world.lookups.configurationTypes.some((t) => t.id === type)) {
    throw invalid(`The value '${type}' is not a valid picklist value for the field 'configurationItemType'.`);
  }
  return defined({
    companyId: companyId ?? undefined,
    typeId: type ?? undefined,
    name: body.text('referenceTitle', { max: 200 }) ?? (creating ? '' : undefined),
    tagNumber: body.text('referenceNumber', { max: 50 }),
    serialNumber: body.text('serialNumber', { max: 100 }),
    warrantyExpiration: body.date('warrantyExpirationDate'),
    active: body.boolean('isActive', { required: creating }),
  });
}
