import { invalid } from './errors.js';

/**
 * The body of a query (POST) or the `search` parameter (GET): `{"filter": […], "MaxRecords": n, "IncludeFields": […]}`.
 * Keys are case-insensitive (clients send both `MaxRecords` and `maxRecords`); MaxRecords is 1–500, default 500.
 */
export interface QueryModel {
  filter: unknown;
  maxRecords: number;
  /** Lower-cased field names, or null for every field. */
  includeFields: Set<string> | null;
  /** The model as received, re-encoded into paging URLs. */
  raw: Record<string, unknown>;
}

export const MAX_RECORDS = 500;

export function parseSearchParameter(search: unknown): QueryModel {
  if (typeof search !== 'string' || search.trim() === '') throw invalid('The search parameter is required.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(search);
  } catch {
    throw invalid('The search parameter is not valid JSON.');
  }
  return parseQueryModel(parsed);
}

export function parseQueryModel(body: unknown): QueryModel {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('The query must be a JSON object with a filter.');
  const raw = body as Record<string, unknown>;
  const pick = (name: string) => Object.entries(raw).find(([key]) => key.toLowerCase() === name)?.[1];
  const maxRecords = pick('maxrecords');
  const includeFields = pick('includefields');
  let max = MAX_RECORDS;
  if (maxRecords !== undefined && maxRecords !== null) {
    if (typeof maxRecords !== 'number' || !Number.isInteger(maxRecords) || maxRecords < 1 || maxRecords > MAX_RECORDS) {
      throw invalid(`MaxRecords must be an integer between 1 and ${MAX_RECORDS}.`);
    }
    max = maxRecords;
  }
  let include: Set<string> | null = null;
  if (includeFields !== undefined && includeFields !== null) {
    if (!Array.isArray(includeFields) || includeFields.some((field) => typeof field !== 'string')) throw invalid('IncludeFields must be an array of field names.');
    if (includeFields.length > 0) include = new Set(includeFields.map((field: string) => field.toLowerCase()));
  }
  return { filter: pick('filter'), maxRecords: max, includeFields: include, raw };
}
