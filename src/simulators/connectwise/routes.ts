import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type CwCredentials } from './auth.js';
import { companies, configurations, contacts, lookupCollections, type Collection } from './collections.js';
import { CwApiError, notFound } from './errors.js';
import { lowerCaseKeys, parseFields, parseListQuery, pickFields } from './list-query.js';
import { list, matchingIds } from './listing.js';
import type { ShapeContext } from './shape.js';
import { createRecord, deleteRecord, patchRecord, replaceRecord, type WritableCollection } from './writes.js';

export const API_PREFIX = '/v4_6_release/apis/3.0';
const SYSTEM_VERSION = 'v2025.1.95000';

const writable: WritableCollection[] = [
  { collection: companies, kind: 'companies' },
  { collection: configurations, kind: 'configurations' },
  { collection: contacts, kind: 'contacts' },
];

/**
 * The ConnectWise API under /v4_6_release/apis/3.0, in its own Fastify context so that its authentication, its error
 * bodies and its 404s apply to it alone (not to the control API).
 */
export async function registerApiRoutes(app: FastifyInstance, base: Omit<ShapeContext, 'api'>, credentials: CwCredentials) {
  await app.register(
    async (api) => {
      // Clients send JSON Patch and ConnectWise's vendor type as well as plain JSON, and some send a JSON content type
      // with an empty DELETE; ASP.NET takes all of these.
      api.removeContentTypeParser('application/json');
      api.addContentTypeParser(/^application\/([\w.+-]*\+)?json/, { parseAs: 'string' }, (_request, body, done) => {
        try {
          done(null, body === '' ? undefined : JSON.parse(body as string));
        } catch {
          done(new CwApiError(400, 'InvalidObject', 'The request body is not valid JSON.'), undefined);
        }
      });
      api.addHook('onRequest', async (request, reply) => {
        const refused = authenticate(request, credentials);
        if (refused) return reply.status(refused.status).send(refused.body);
      });
      api.setErrorHandler((error, _request, reply) => {
        if (error instanceof CwApiError) return reply.status(error.status).send(error.body);
        const status = (error as { statusCode?: number }).statusCode;
        if (status && status >= 400 && status < 500) return reply.status(status).send({ code: 'InvalidObject', message: (error as Error).message });
        return reply.status(500).send({ code: 'ConnectWiseApi', message: 'An unexpected error occurred.' });
      });
      api.setNotFoundHandler((request, reply) =>
        reply.status(404).send({ code: 'NotFound', message: `No route matches ${request.method} ${request.url.split('?')[0]}.` }),
      );

      // Many clients (the ConnectWiseManageAPI PowerShell module among them) check their credentials with this call.
      api.get('/system/info', async () => ({ version: SYSTEM_VERSION, isCloud: false, serverTimeZone: 'Eastern Standard Time' }));

      const contextOf = (request: FastifyRequest): ShapeContext => ({ ...base, api: `http://${request.headers.host ?? 'localhost'}${API_PREFIX}` });
      for (const collection of [...lookupCollections, companies, configurations, contacts]) registerReads(api, collection, contextOf);
      for (const target of writable) registerWrites(api, target, contextOf);
    },
    { prefix: API_PREFIX },
  );
}

function registerReads(api: FastifyInstance, collection: Collection, contextOf: (request: FastifyRequest) => ShapeContext) {
  const path = `/${collection.path}`;
  api.get(path, async (request, reply) => {
    const ctx = contextOf(request);
    const forwardOnly = String(request.headers['pagination-type'] ?? '').toLowerCase() === 'forward-only';
    const result = list(ctx, { collection, rawQuery: request.query, forwardOnly, selfUrl: ctx.api + path });
    if (result.link) reply.header('Link', result.link);
    return reply.send(result.body);
  });
  api.get(`${path}/count`, async (request) => {
    const ctx = contextOf(request);
    return { count: matchingIds(ctx, collection, parseListQuery(collection.resource, request.query, false)).length };
  });
  api.get(`${path}/:id`, async (request) => {
    const id = idParam(collection, request);
    const shaped = collection.shape(contextOf(request), id);
    if (!shaped) throw notFound(collection.label, id);
    const fields = lowerCaseKeys(request.query).fields;
    return fields?.trim() ? pickFields(shaped, parseFields(fields)) : shaped;
  });
}

function registerWrites(api: FastifyInstance, target: WritableCollection, contextOf: (request: FastifyRequest) => ShapeContext) {
  const path = `/${target.collection.path}`;
  api.post(path, async (request, reply) => reply.status(201).send(createRecord(contextOf(request), target, request.body)));
  api.put(`${path}/:id`, async (request) => replaceRecord(contextOf(request), target, idParam(target.collection, request), request.body));
  api.patch(`${path}/:id`, async (request) => patchRecord(contextOf(request), target, idParam(target.collection, request), request.body));
  api.delete(`${path}/:id`, async (request, reply: FastifyReply) => {
    deleteRecord(contextOf(request), target, idParam(target.collection, request));
    return reply.status(204).send();
  });
}

function idParam(collection: Collection, request: FastifyRequest): number {
  const raw = (request.params as { id: string }).id;
  if (!/^\d{1,10}$/.test(raw)) throw new CwApiError(400, 'InvalidObject', `The value '${raw}' is not a valid ${collection.label} id.`);
  return Number(raw);
}
