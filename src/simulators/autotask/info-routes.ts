import type { FastifyInstance } from 'fastify';
import { shapeItem, type AtEntity, type AtField } from './entity-model.js';
import { AutotaskApiError } from './errors.js';
import { registerLabels, type AutotaskRuntime } from './runtime.js';

/**
 * Single items (`{Entity}/{id}` → `{item}`; an unknown id answers 404, as the real service does), entity and field
 * metadata (picklists with their labels), and the service-wide calls: Version and ThresholdInformation.
 * ZoneInformation is registered by the module because it is the one call without credentials.
 */
export function registerInfoRoutes(app: FastifyInstance, runtime: AutotaskRuntime, entity: AtEntity) {
  const { state } = runtime;
  app.get(`/${entity.path}/:id`, async (request) => {
    const item = findItem(runtime, entity, (request.params as { id: string }).id);
    return { item: shapeItem(entity, item, state) };
  });

  app.get(`/${entity.path}/entityInformation`, async () => ({
    info: {
      name: entity.label,
      canCreate: entity.canCreate,
      canDelete: entity.canDelete,
      canQuery: true,
      canUpdate: entity.canUpdate,
      userAccessForCreate: entity.canCreate ? 'All' : 'None',
      userAccessForDelete: entity.canDelete ? 'All' : 'None',
      userAccessForQuery: 'All',
      userAccessForUpdate: entity.canUpdate ? 'All' : 'None',
      hasUserDefinedFields: (entity.udfs?.length ?? 0) > 0,
      supportsWebhookCallouts: entity.cached,
    },
  }));

  app.get(`/${entity.path}/entityInformation/fields`, async () => {
    registerLabels(state);
    return { fields: entity.fields.map((field) => fieldInformation(runtime, field)) };
  });

  if (entity.udfs) {
    const udfs = entity.udfs;
    app.get(`/${entity.path}/entityInformation/userDefinedFields`, async () => ({
      fields: udfs.map((udf) => ({
        name: udf.name,
        label: udf.name,
        type: udf.type === 'number' ? 'double' : 'string',
        length: udf.type === 'number' ? 0 : 8000,
        description: '',
        isRequired: false,
        isReadOnly: false,
        isQueryable: true,
        isReference: false,
        referenceEntityType: '',
        isPickList: false,
        picklistValues: null,
        picklistParentValueField: '',
        defaultValue: '',
        isSupportedWebhookField: false,
      })),
    }));
  }
}

export function findItem<R extends { id: number }>(runtime: AutotaskRuntime, entity: AtEntity<R>, rawId: string | number): R {
  const id = Number(rawId);
  const row = Number.isSafeInteger(id) ? entity.rows(runtime.state).get(id) : undefined;
  if (!row) throw new AutotaskApiError(404, `No ${entity.label} was found with the id ${String(rawId)}.`);
  return row;
}

function fieldInformation(runtime: AutotaskRuntime, field: AtField<{ id: number }>) {
  return {
    name: field.name,
    dataType: field.dataType,
    length: field.length ?? 0,
    isRequired: field.required ?? false,
    isReadOnly: field.readOnly ?? false,
    isQueryable: true,
    isReference: field.reference !== undefined,
    referenceEntityType: field.reference ?? '',
    isPickList: field.picklist !== undefined,
    picklistValues: field.picklist ? field.picklist(runtime.state) : null,
    picklistParentValueField: '',
    isSupportedWebhookField: false,
  };
}

export function registerServiceRoutes(app: FastifyInstance, runtime: AutotaskRuntime) {
  app.get('/Version', async () => ({ majorVersion: '2025', minorVersion: '2', build: '104.0' }));
  app.get('/ThresholdInformation', async () => ({
    externalRequestThreshold: runtime.budget.threshold,
    requestThresholdTimeframe: 60,
    currentTimeframeRequestCount: runtime.budget.used(),
  }));
}
