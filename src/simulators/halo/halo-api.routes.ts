import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimContext } from '../module.js';
import type { SimKind, SimRecordOf } from '../world/types.js';
import { type HaloEntity, HaloBadInput, type Json } from './halo-entity.js';
import { sendHaloError, sendUnauthorized } from './halo-errors.js';
import { listRecords } from './halo-listing.js';
import { bindQuery } from './halo-query.js';
import { type HaloTokenIssuer, type Permission, allows } from './halo-tokens.js';

export type Authorize = (request: FastifyRequest, reply: FastifyReply, permission: Permission, write: boolean) => boolean;

/** Checks the bearer token and its scopes; answers 401/403 itself and returns false when refused. */
export function authorizer(tokens: HaloTokenIssuer): Authorize {
  return (request, reply, permission, write) => {
    const verdict = tokens.verify(request.headers.authorization);
    if ('expiredAt' in verdict) {
      sendUnauthorized(reply, verdict.expiredAt);
      return false;
    }
    if ('refused' in verdict) {
      sendUnauthorized(reply);
      return false;
    }
    if (!allows(verdict.token.scopes, permission, write)) {
      sendHaloError(reply, 403, `The application does not have the ${write ? 'edit' : 'read'}:${permission} permission.`);
      return false;
    }
    return true;
  };
}

/** ASP.NET's `{id:int}` route constraint: anything else is no route at all (404). */
const routeId = (raw: string) => (/^\d{1,10}$/.test(raw) ? Number(raw) : undefined);

/** GET list, GET one, POST (create or update, an array), DELETE one — for one Halo resource. */
export function registerHaloResource<K extends SimKind>(api: FastifyInstance, ctx: SimContext, entity: HaloEntity<K>, authorize: Authorize) {
  const { world } = ctx;
  const visibleRecord = (id: number | undefined) => {
    const record = id === undefined ? undefined : world.get(entity.kind, id);
    return record && entity.visible(record) ? record : undefined;
  };

  api.get(`/${entity.path}`, async (request, reply) => {
    if (!authorize(request, reply, entity.permission, false)) return reply;
    const bound = bindQuery(request.query as Record<string, unknown>, entity.params);
    if (!bound.ok) return sendHaloError(reply, 400, bound.message);
    const outcome = listRecords(entity, world, bound.values as Json);
    return outcome.ok ? outcome.body : sendHaloError(reply, 400, outcome.message);
  });

  api.get(`/${entity.path}/:id`, async (request, reply) => {
    if (!authorize(request, reply, entity.permission, false)) return reply;
    const record = visibleRecord(routeId((request.params as { id: string }).id));
    if (!record) return sendHaloError(reply, 404, `${entity.path} not found.`);
    return entity.toJson(record, world, { single: true, bound: {} });
  });

  api.post(`/${entity.path}`, async (request, reply) => {
    if (!authorize(request, reply, entity.permission, true)) return reply;
    if (!Array.isArray(request.body)) return sendHaloError(reply, 400, `The request body must be an array of ${entity.path} objects.`);
    try {
      const saved = applyWrites(ctx, entity, request.body as unknown[], visibleRecord);
      const created = saved.some((s) => s.created);
      const json = saved.map((s) => entity.toJson(s.record, world, { single: true, bound: {} }));
      return reply.status(created ? 201 : 200).send(json.length === 1 ? json[0] : json);
    } catch (error) {
      if (error instanceof HaloBadInput) return sendHaloError(reply, 400, error.message);
      throw error;
    }
  });

  api.delete(`/${entity.path}/:id`, async (request, reply) => {
    if (!authorize(request, reply, entity.permission, true)) return reply;
    const record = visibleRecord(routeId((request.params as { id: string }).id));
    if (!record) return sendHaloError(reply, 404, `${entity.path} not found.`);
    world.remove(entity.kind, record.id);
    return reply.status(200).send('');
  });
}

/**
 * Validates every item before changing anything, so that a bad item in a batch leaves the world untouched; then
 * updates items that carry the id of an existing record and creates the others.
 */
function applyWrites<K extends SimKind>(
  ctx: SimContext,
  entity: HaloEntity<K>,
  items: unknown[],
  find: (id: number | undefined) => SimRecordOf<K> | undefined,
): { record: SimRecordOf<K>; created: boolean }[] {
  const { world } = ctx;
  if (items.length === 0) throw new HaloBadInput('The request body must contain at least one record.');
  const plans = items.map((raw) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new HaloBadInput(`Each ${entity.path} must be an object.`);
    const item = raw as Json;
    const id = typeof item.id === 'number' && item.id > 0 ? item.id : undefined;
    const existing = find(id);
    if (id !== undefined && !existing) throw new HaloBadInput(`${entity.path} ${id} does not exist.`);
    return { existing, changes: entity.fromJson(item, world, existing) };
  });
  return plans.map(({ existing, changes }) => {
    if (existing) return { record: world.update(entity.kind, existing.id, changes)!, created: false };
    return { record: world.create(entity.kind, { ...entity.createDefaults(world), ...changes } as never), created: true };
  });
}
