import { invalid } from './errors.js';
import { parseUtc } from './query-filter.js';

/**
 * Reads an entity body as Autotask binds it: property names case-insensitive (`CompanyName` = `companyName`),
 * absent ≠ null (PATCH changes only what is sent), wrong types refused with the API's 500 and a reason.
 */
export class BodyReader {
  readonly #values = new Map<string, unknown>();

  constructor(body: unknown) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('The request body must be a JSON object.');
    for (const [key, value] of Object.entries(body)) this.#values.set(key.toLowerCase(), value);
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  #raw(name: string): unknown {
    return this.#values.get(name.toLowerCase());
  }

  /** A string field: undefined when absent, null when sent as null (or empty and optional). */
  text(name: string, options: { required?: boolean; max?: number } = {}): string | null | undefined {
    const value = this.#raw(name);
    if (value === undefined || value === null || value === '') {
      if (options.required) throw invalid(`The field '${name}' is required.`);
      return value === undefined ? undefined : null;
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw invalid(`The value for the field '${name}' must be a string.`);
    const text = String(value);
    if (options.max !== undefined && text.length > options.max) throw invalid(`The value for the field '${name}' exceeds the maximum length of ${options.max}.`);
    return text;
  }

  integer(name: string, options: { required?: boolean } = {}): number | null | undefined {
    const value = this.#raw(name);
    if (value === undefined || value === null) {
      if (options.required) throw invalid(`The field '${name}' is required.`);
      return value === undefined ? undefined : null;
    }
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalid(`The value for the field '${name}' must be an integer.`);
    return n;
  }

  boolean(name: string, options: { required?: boolean } = {}): boolean | undefined {
    const value = this.#raw(name);
    if (value === undefined || value === null) {
      if (options.required) throw invalid(`The field '${name}' is required.`);
      return undefined;
    }
    if (typeof value !== 'boolean') throw invalid(`The value for the field '${name}' must be true or false.`);
    return value;
  }

  /** A datetime, returned as YYYY-MM-DD (the world keeps dates). */
  date(name: string): string | null | undefined {
    const value = this.#raw(name);
    if (value === undefined || value === null || value === '') return value === undefined ? undefined : null;
    const ms = typeof value === 'string' ? parseUtc(value) : NaN;
    if (Number.isNaN(ms)) throw invalid(`The value for the field '${name}' must be a date and time.`);
    return new Date(ms).toISOString().slice(0, 10);
  }
}

/** Drops undefined entries, so that a PATCH leaves unsent fields alone. */
export function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
