import { describe, expect, it } from 'vitest';
import type { JsonObject } from './conditions/evaluate.js';
import { CwApiError } from './errors.js';
import { applyPatch } from './json-patch.js';
import { compareRecords, parseFields, parseListQuery, pickFields } from './list-query.js';

const row = (id: number, name: string | null, extra: JsonObject = {}): JsonObject => ({ id, ...(name === null ? {} : { name }), ...extra });

function errorOf(run: () => unknown): CwApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof CwApiError) return error;
    throw error;
  }
  throw new Error('expected a CwApiError');
}

describe('parseListQuery', () => {
  it('defaults to 25 per page, caps at 1000 and reads parameter names without case', () => {
    expect(parseListQuery('company', {}, false)).toMatchObject({ page: 1, pageSize: 25, order: [] });
    expect(parseListQuery('company', { PageSize: '5000', PAGE: '3' }, false)).toMatchObject({ page: 3, pageSize: 1000 });
    expect(parseListQuery('company', { pageSize: '0', page: '0' }, false)).toMatchObject({ page: 1, pageSize: 25 });
  });

  it('answers bad numbers, unknown fields and collections in conditions with ConnectWise 400 bodies', () => {
    expect(errorOf(() => parseListQuery('company', { pageSize: 'ten' }, false)).body).toMatchObject({ code: 'InvalidObject', errors: [{ field: 'pageSize' }] });
    const unknown = errorOf(() => parseListQuery('company', { conditions: 'colour = "red"' }, false));
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]).toMatchObject({ code: 'InvalidField', resource: 'company', field: 'conditions' });
    expect(errorOf(() => parseListQuery('company', { conditions: 'types/id = 1' }, false)).body.errors?.[0]?.message).toMatch(/childConditions/);
    expect(errorOf(() => parseListQuery('company', { childConditions: 'name = "x"' }, false)).body.errors?.[0]?.message).toMatch(/not a child collection/);
    expect(errorOf(() => parseListQuery('company', { orderBy: 'name sideways' }, false)).body.errors?.[0]?.field).toBe('orderBy');
    expect(errorOf(() => parseListQuery('company', { orderBy: 'name desc' }, true)).body.errors?.[0]?.message).toMatch(/Forward-only/);
  });

  it('combines conditions and childConditions, and custom field conditions match nothing here', () => {
    const query = parseListQuery('company', { conditions: 'id > 1', childConditions: 'types/id = 3' }, false);
    expect(query.filter?.(row(2, 'a', { types: [{ id: 3 }] }))).toBe(true);
    expect(query.filter?.(row(2, 'a', { types: [{ id: 1 }] }))).toBe(false);
    expect(parseListQuery('company', { customFieldConditions: 'caption = "x"' }, false).filter?.(row(1, 'a'))).toBe(false);
  });
});

describe('ordering and field selection', () => {
  it('orders by several keys, nulls first, strings without case, ties by id', () => {
    const rows = [row(1, 'beta'), row(2, null), row(3, 'Alpha'), row(4, 'alpha')];
    const byName = [...rows].sort(compareRecords([{ path: ['name'], descending: false }])).map((r) => r.id);
    expect(byName).toEqual([2, 3, 4, 1]);
    const byNameDesc = [...rows].sort(compareRecords([{ path: ['name'], descending: true }, { path: ['id'], descending: true }])).map((r) => r.id);
    expect(byNameDesc).toEqual([1, 4, 3, 2]);
  });

  it('trims records to the requested fields, into references and collections', () => {
    const record = row(7, 'x', { status: { id: 1, name: 'Active', _info: {} }, types: [{ id: 1, name: 'A' }, { id: 2, name: 'B' }], website: 'w' });
    expect(pickFields(record, parseFields('id, status/name,types/id, Website'))).toEqual({ id: 7, status: { name: 'Active' }, types: [{ id: 1 }, { id: 2 }], website: 'w' });
    expect(pickFields(record, parseFields('status'))).toEqual({ status: record.status });
  });
});

describe('applyPatch', () => {
  const record = row(1, 'Old', { status: { id: 1, name: 'Active' }, types: [{ id: 1 }] });

  it('replaces, adds and removes, with or without a leading slash, creating missing references', () => {
    const patched = applyPatch('company', record, [
      { op: 'replace', path: 'name', value: 'New' },
      { op: 'replace', path: '/status/id', value: 2 },
      { op: 'add', path: 'country/name', value: 'Canada' },
      { op: 'add', path: 'types/-', value: { id: 3 } },
      { op: 'remove', path: 'types/0' },
    ]);
    expect(patched).toMatchObject({ name: 'New', status: { id: 2 }, country: { name: 'Canada' }, types: [{ id: 3 }] });
    expect(record.name).toBe('Old');
  });

  it('refuses what the API refuses', () => {
    const problem = (operations: unknown) => errorOf(() => applyPatch('company', record, operations)).body.errors?.[0]?.message;
    expect(problem({})).toMatch(/non-empty array/);
    expect(problem([{ op: 'move', path: 'name', value: 1 }])).toMatch(/not supported/);
    expect(problem([{ op: 'replace', path: 'colour', value: 1 }])).toMatch(/Unknown field/);
    expect(problem([{ op: 'replace', path: 'id', value: 9 }])).toMatch(/cannot be changed/);
    expect(problem([{ op: 'replace', path: 'name' }])).toMatch(/needs a value/);
  });
});
