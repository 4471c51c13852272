import { z } from 'zod';
import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { errorResponses } from '../http/schemas.js';
import { actorOf } from '../integrations/integration-store.js';
import type { RecordKind } from '../psa/canonical.js';
import { trashRecord } from '../trash/trash-record.js';
import { createRecord, deleteRecord, findRecord, listRecords, updateRecord, type AnyResource } from './resource.js';

const idParams = z.strictObject({ id: z.uuid() });
/** Records the PSA syncs: deleting one moves it with its children and links to the trash. */
const trashedKinds: Record<string, RecordKind> = { '/organizations': 'organization', '/configurations': 'configuration', '/contacts': 'contact' };

/** The five REST routes of a resource. Reading needs readonly, writing editor, deleting manager. */
export function registerResourceRoutes(app: App, ctx: AppContext, def: AnyResource) {
  const { item, create, update, query } = def.schemas;
  const tags = [def.tag];
  const page = z.object({ items: z.array(item), nextCursor: z.string().nullable() });

  app.get(def.path, {
    schema: { tags, summary: `List ${def.tag.toLowerCase()}`, querystring: query, response: { 200: page, ...errorResponses } },
    preHandler: authorize(ctx, 'readonly'),
    handler: (request) => listRecords(ctx, def, callerOf(request), request.query as never),
  });

  app.get(`${def.path}/:id`, {
    schema: { tags, summary: `Get one ${def.label}`, params: idParams, response: { 200: item, ...errorResponses } },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request) => def.toDto(await findRecord(ctx, def, callerOf(request), request.params.id), ctx),
  });

  app.post(def.path, {
    schema: { tags, summary: `Create a ${def.label}`, body: create, response: { 201: item, ...errorResponses } },
    preHandler: authorize(ctx, 'editor'),
    handler: async (request, reply) => reply.status(201).send(await createRecord(ctx, def, callerOf(request), request.body as never)),
  });

  app.patch(`${def.path}/:id`, {
    schema: { tags, summary: `Update a ${def.label}`, params: idParams, body: update, response: { 200: item, ...errorResponses } },
    preHandler: authorize(ctx, 'editor'),
    handler: (request) => updateRecord(ctx, def, callerOf(request), request.params.id, request.body as never),
  });

  app.delete(`${def.path}/:id`, {
    schema: {
      tags,
      summary: trashedKinds[def.path]
        ? `Delete a ${def.label} with its child records into the trash (refused with 409 while it is syncing or in sync error)`
        : `Delete a ${def.label}`,
      params: idParams,
      response: { 204: z.null(), ...errorResponses },
    },
    preHandler: authorize(ctx, 'manager'),
    handler: async (request, reply) => {
      const caller = callerOf(request);
      const kind = trashedKinds[def.path];
      if (kind) await trashRecord({ ctx, accountId: caller.accountId, kind, id: request.params.id, actor: actorOf(caller) });
      else await deleteRecord(ctx, def, caller, request.params.id);
      return reply.status(204).send(null);
    },
  });
}
