import type { SimKind } from '../world/types.js';
import type { Collection } from './collections.js';
import type { JsonObject } from './conditions/evaluate.js';
import { CwApiError, notFound } from './errors.js';
import { readCompany, readConfiguration, readContact, type Mode } from './inputs.js';
import { applyPatch } from './json-patch.js';
import type { ShapeContext } from './shape.js';

/**
 * Writes through the PSA's own interface (POST, PUT, PATCH, DELETE), so tests and a later two-way sync change data as
 * an integration would. Every change goes through SimWorld, which stamps `_info.lastUpdated` from its clock.
 */
export interface WritableCollection {
  collection: Collection;
  kind: SimKind;
}

function read(ctx: ShapeContext, kind: SimKind, body: JsonObject, mode: Mode, id?: number) {
  switch (kind) {
    case 'companies':
      return readCompany(ctx, body, mode, id === undefined ? undefined : ctx.world.get('companies', id));
    case 'configurations':
      return readConfiguration(ctx, body, id === undefined ? undefined : ctx.world.get('configurations', id));
    case 'contacts':
      return readContact(ctx, body, mode, id === undefined ? undefined : ctx.world.get('contacts', id));
  }
}

function requireObject(target: WritableCollection, body: unknown): JsonObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new CwApiError(400, 'InvalidObject', `${target.collection.resource} object is invalid`, [
      { code: 'InvalidObject', message: 'The request body must be a JSON object.', resource: target.collection.resource },
    ]);
  }
  return body as JsonObject;
}

export function createRecord(ctx: ShapeContext, target: WritableCollection, body: unknown): JsonObject {
  const values = read(ctx, target.kind, requireObject(target, body), 'create');
  const record = ctx.world.create(target.kind, values as never);
  return target.collection.shape(ctx, record.id)!;
}

export function replaceRecord(ctx: ShapeContext, target: WritableCollection, id: number, body: unknown): JsonObject {
  existing(ctx, target, id);
  const values = read(ctx, target.kind, requireObject(target, body), 'update', id);
  ctx.world.update(target.kind, id, values as never);
  return target.collection.shape(ctx, id)!;
}

export function patchRecord(ctx: ShapeContext, target: WritableCollection, id: number, operations: unknown): JsonObject {
  const current = existing(ctx, target, id);
  const patched = applyPatch(target.collection.resource, current, operations);
  const values = read(ctx, target.kind, patched, 'update', id);
  ctx.world.update(target.kind, id, values as never);
  return target.collection.shape(ctx, id)!;
}

/**
 * Companies are soft-deleted: deletedFlag, dateDeleted and deletedBy are set and the company still lists. As observed
 * on real instances, this does not move `_info.lastUpdated`, so a `lastUpdated` filter does not see the delete — only
 * a full id listing (reconciliation) does. Configurations and contacts are deleted outright.
 */
export function deleteRecord(ctx: ShapeContext, target: WritableCollection, id: number) {
  existing(ctx, target, id);
  if (target.kind === 'companies') {
    const company = ctx.world.get('companies', id)!;
    if (company.deleted) return;
    const lastUpdated = company.updatedAt;
    ctx.world.update('companies', id, { deleted: true });
    company.updatedAt = lastUpdated;
    ctx.deletedAt.set(id, ctx.world.now());
    return;
  }
  ctx.world.remove(target.kind, id);
}

function existing(ctx: ShapeContext, target: WritableCollection, id: number): JsonObject {
  const shaped = target.collection.shape(ctx, id);
  if (!shaped) throw notFound(target.collection.label, id);
  return shaped;
}
