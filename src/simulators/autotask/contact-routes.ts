import type { FastifyInstance } from 'fastify';
import type { SimContact } from '../world/types.js';
import { BodyReader, defined } from './body-reader.js';
import { companiesEntity } from './company-entity.js';
import { contactsEntity } from './contact-entity.js';
import { shapeItem } from './entity-model.js';
import { AutotaskApiError, invalid } from './errors.js';
import { findItem } from './info-routes.js';
import type { AutotaskRuntime } from './runtime.js';
import { blankRecord } from '../world/blank-records.js';

/**
 * Contacts as a child of their company: `Companies/{parentId}/Contacts` lists (GET), creates (POST) and updates
 * (PATCH, id in the body); `…/Contacts/{id}` reads and deletes one. `isActive` is 1/0.
 */
export function registerContactRoutes(app: FastifyInstance, runtime: AutotaskRuntime) {
  const { world } = runtime.state;
  const parentOf = (params: unknown) => findItem(runtime, companiesEntity, (params as { id: string }).id);
  const childOf = (params: unknown) => {
    const parent = parentOf(params);
    const contact = findItem(runtime, contactsEntity, (params as { contactId: string }).contactId);
    if (contact.companyId !== parent.id) throw new AutotaskApiError(404, `No Contact was found with the id ${contact.id} for the Company ${parent.id}.`);
    return contact;
  };

  app.get('/Companies/:id/Contacts', async (request) => {
    const parent = parentOf(request.params);
    const items = [];
    for (const contact of world.all('contacts')) {
      if (contact.companyId === parent.id && items.length < 500) items.push(shapeItem(contactsEntity, contact, runtime.state));
    }
    return { items, pageDetails: { count: items.length, requestCount: 500, prevPageUrl: null, nextPageUrl: null } };
  });

  app.get('/Companies/:id/Contacts/:contactId', async (request) => ({ item: shapeItem(contactsEntity, childOf(request.params), runtime.state) }));

  app.delete('/Companies/:id/Contacts/:contactId', async (request) => {
    const contact = childOf(request.params);
    world.remove('contacts', contact.id);
    return { itemId: contact.id };
  });

  app.post('/Companies/:id/Contacts', async (request) => {
    const parent = parentOf(request.params);
    const body = new BodyReader(request.body);
    const values = contactValues(body, parent.id, true);
    const created = world.create('contacts', { ...blankRecord(world, 'contacts'), companyId: parent.id, ...values });
    return { itemId: created.id };
  });

  app.patch('/Companies/:id/Contacts', async (request) => {
    const parent = parentOf(request.params);
    const body = new BodyReader(request.body);
    const contact = findItem(runtime, contactsEntity, body.integer('id', { required: true })!);
    if (contact.companyId !== parent.id) throw invalid(`The Contact ${contact.id} does not belong to the Company ${parent.id}.`);
    world.update('contacts', contact.id, contactValues(body, parent.id, false));
    return { itemId: contact.id };
  });
}

function contactValues(body: BodyReader, parentId: number, creating: boolean): Partial<SimContact> {
  const companyId = body.integer('companyID');
  if (companyId !== undefined && companyId !== parentId) throw invalid(`The field 'companyID' must match the parent Company ${parentId}.`);
  const isActive = body.integer('isActive', { required: creating });
  if (isActive !== undefined && isActive !== 0 && isActive !== 1) throw invalid(`The value for the field 'isActive' must be 0 or 1.`);
  const primary = body.boolean('primaryContact');
  return defined({
    firstName: body.text('firstName', { required: creating, max: 50 }) ?? undefined,
    lastName: body.text('lastName', { required: creating, max: 50 }) ?? undefined,
    title: body.text('title', { max: 50 }),
    email: body.text('emailAddress', { max: 254 }),
    phone: body.text('phone', { max: 25 }),
    mobile: body.text('mobilePhone', { max: 25 }),
    active: isActive === undefined || isActive === null ? undefined : isActive === 1,
    typeIds: primary === undefined ? undefined : primary ? [1] : [],
  });
}
