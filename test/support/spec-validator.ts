import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Validates simulator responses against the trimmed OpenAPI/Swagger documents of the real PSA APIs in specs/.
 * Schemas are compiled by JSON pointer into the spec, so $refs resolve inside the same document.
 */
export type SpecName = 'connectwise-manage' | 'autotask' | 'halopsa';

const specsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../specs');
const cache = new Map<SpecName, { ajv: Ajv; spec: SpecDocument; compiled: Map<string, ValidateFunction> }>();

interface SpecDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { schema?: unknown; content?: Record<string, { schema?: unknown }> }> }>>;
}

function load(name: SpecName) {
  let entry = cache.get(name);
  if (!entry) {
    const spec = normalizeNullable(JSON.parse(fs.readFileSync(path.join(specsDir, `${name}.openapi.json`), 'utf8'))) as SpecDocument;
    // strict: false — the documents carry OpenAPI keywords (nullable, example, xml…) beside JSON Schema.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    for (const format of ['int32', 'int64', 'double', 'float', 'byte', 'binary', 'guid', 'decimal']) ajv.addFormat(format, true);
    ajv.addSchema(spec as object, name);
    entry = { ajv, spec, compiled: new Map() };
    cache.set(name, entry);
  }
  return entry;
}

/**
 * Ajv takes OpenAPI's `nullable` only beside `type`. The documents also put it beside `$ref` (→ anyOf with null)
 * or alone (→ dropped: the schema then allows anything anyway).
 */
function normalizeNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = normalizeNullable(value);
  if (out.nullable !== undefined && out.type === undefined) {
    const nullable = out.nullable === true;
    delete out.nullable;
    if (nullable && typeof out.$ref === 'string') {
      const ref = out.$ref;
      delete out.$ref;
      out.anyOf = [{ $ref: ref }, { type: 'null' }];
    }
  }
  return out;
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON pointer of a response schema: OpenAPI 3 (`content`) or Swagger 2 (`schema`). */
export function responsePointer(name: SpecName, method: string, pathTemplate: string, status = '200'): string {
  const { spec } = load(name);
  const operation = spec.paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation) throw new Error(`${name} has no ${method} ${pathTemplate}`);
  const response = operation.responses?.[status];
  if (!response) throw new Error(`${name} ${method} ${pathTemplate} documents no ${status} response`);
  const base = `#/paths/${escapePointer(pathTemplate)}/${method.toLowerCase()}/responses/${status}`;
  if (response.schema) return `${base}/schema`;
  const mediaType = Object.keys(response.content ?? {}).find((m) => m.includes('json'));
  if (!mediaType) throw new Error(`${name} ${method} ${pathTemplate} ${status} has no JSON schema`);
  return `${base}/content/${escapePointer(mediaType)}/schema`;
}

/** Errors (empty when valid) of `data` against the schema at `pointer` (e.g. `#/components/schemas/Company`). */
export function validateAt(name: SpecName, pointer: string, data: unknown): string[] {
  const entry = load(name);
  let validate = entry.compiled.get(pointer);
  if (!validate) {
    validate = entry.ajv.compile({ $ref: `${name}${pointer}` });
    entry.compiled.set(pointer, validate);
  }
  if (validate(data)) return [];
  return (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

export function validateResponse(name: SpecName, method: string, pathTemplate: string, data: unknown, status = '200'): string[] {
  return validateAt(name, responsePointer(name, method, pathTemplate, status), data);
}
