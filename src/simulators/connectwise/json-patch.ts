import type { Json, JsonObject } from './conditions/evaluate.js';
import { CwApiError } from './errors.js';
import { knownField, type CwResource } from './fields.js';

/**
 * Applies ConnectWise's PATCH body — a JSON Patch array such as `[{"op":"replace","path":"status/id","value":2}]` —
 * to the record as the API shapes it. Paths may start with `/` or not (both are seen in the wild); names match
 * case-insensitively; `add`, `replace` and `remove` are supported, as on the real API.
 */
export function applyPatch(resource: CwResource, record: JsonObject, operations: unknown): JsonObject {
  if (!Array.isArray(operations) || operations.length === 0) {
    throw patchError(resource, 'The request body must be a non-empty array of patch operations ({op, path, value}).');
  }
  const target = structuredClone(record);
  for (const operation of operations) {
    if (!operation || typeof operation !== 'object' || Array.isArray(operation)) throw patchError(resource, 'Each patch operation must be an object with op, path and value.');
    const { op, path, value } = operation as { op?: unknown; path?: unknown; value?: Json };
    const kind = typeof op === 'string' ? op.toLowerCase() : '';
    if (kind !== 'add' && kind !== 'replace' && kind !== 'remove') throw patchError(resource, `The patch operation '${String(op)}' is not supported; use add, replace or remove.`);
    if (typeof path !== 'string' || !path.replace(/^\//, '')) throw patchError(resource, 'Each patch operation needs a path, e.g. "name" or "status/id".');
    const segments = path.replace(/^\//, '').split('/');
    if (segments[0]!.startsWith('_') || segments[0]!.toLowerCase() === 'id') throw patchError(resource, `The field '${segments[0]}' cannot be changed.`, path);
    if (!knownField(resource, segments[0]!)) throw patchError(resource, `Unknown field '${segments[0]}' on ${resource}.`, path);
    if (kind !== 'remove' && value === undefined) throw patchError(resource, `The patch operation on '${path}' needs a value.`, path);
    apply(target, segments, kind, value ?? null, resource, path);
  }
  return target;
}

function apply(root: JsonObject, segments: string[], kind: 'add' | 'replace' | 'remove', value: Json, resource: CwResource, path: string) {
  let node: Json = root;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (Array.isArray(node)) {
      const position: number = segment === '-' ? node.length : Number(segment);
      if (!Number.isInteger(position) || position < 0 || position > node.length) throw patchError(resource, `'${segment}' is not a valid index in '${path}'.`, path);
      if (last) {
        if (kind === 'remove') node.splice(position, 1);
        else if (kind === 'add') node.splice(position, 0, value);
        else node[position] = value;
        return;
      }
      node = node[position] ?? null;
    } else if (node !== null && typeof node === 'object') {
      const key: string = Object.keys(node).find((k) => k.toLowerCase() === segment.toLowerCase()) ?? segment;
      if (last) {
        if (kind === 'remove') delete node[key];
        else node[key] = value;
        return;
      }
      // "status/id" on a record without a status creates the reference.
      if (node[key] === undefined || node[key] === null) node[key] = {};
      node = node[key];
    } else {
      throw patchError(resource, `The path '${path}' does not exist.`, path);
    }
  }
}

function patchError(resource: CwResource, message: string, field?: string): CwApiError {
  return new CwApiError(400, 'InvalidObject', `${resource} object is invalid`, [{ code: 'InvalidField', message, resource, ...(field ? { field } : {}) }]);
}
