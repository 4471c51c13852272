import { describe, expect, it } from 'vitest';
import type { SimWorld } from '../world/world.js';
import { arrayRows, defineEntity, type AtState } from './entity-model.js';
import { AutotaskApiError } from './errors.js';
import { LabelRegistry } from './label-registry.js';
import { compileFilter } from './query-filter.js';

interface Row {
  id: number;
  name: string | null;
  type: number | null;
  active: boolean;
  modified: Date;
  udf: string | null;
}

const rows: Row[] = [
  { id: 1, name: 'Acme Dental', type: 1, active: true, modified: new Date('2024-01-01T00:00:00Z'), udf: '10' },
  { id: 2, name: 'Globex Legal', type: 2, active: false, modified: new Date('2024-02-01T00:00:00Z'), udf: '250' },
  { id: 3, name: null, type: null, active: true, modified: new Date('2024-03-01T00:00:00Z'), udf: null },
  { id: 4, name: 'acme logistics', type: 3, active: true, modified: new Date('2024-04-01T12:00:00Z'), udf: '42' },
];

const entity = defineEntity<Row>({
  path: 'Things',
  label: 'Thing',
  canCreate: false,
  canUpdate: false,
  canDelete: false,
  cached: false,
  rows: () => arrayRows(rows),
  udfs: [{ name: 'Number of Employees', type: 'number', get: (row) => row.udf }],
  fields: [
    { name: 'id', dataType: 'long', get: (row) => row.id },
    { name: 'companyName', dataType: 'string', get: (row) => row.name },
    { name: 'companyType', dataType: 'integer', get: (row) => row.type },
    { name: 'isActive', dataType: 'boolean', get: (row) => row.active },
    { name: 'lastModified', dataType: 'datetime', get: (row) => row.modified },
  ],
});

const state = { world: {} as SimWorld, countries: new LabelRegistry(), manufacturers: new LabelRegistry(), models: new LabelRegistry() } satisfies AtState;

const ids = (filter: unknown) => {
  const compiled = compileFilter(entity, filter);
  return rows.filter((row) => row.id > compiled.idAbove && compiled.predicate(row, state)).map((row) => row.id);
};
const rejects = (filter: unknown) => {
  expect(() => compileFilter(entity, filter)).toThrow(AutotaskApiError);
  try {
    compileFilter(entity, filter);
  } catch (error) {
    expect((error as AutotaskApiError).status).toBe(500);
  }
};

describe('the Autotask filter grammar', () => {
  it.each([
    [{ op: 'eq', field: 'companyType', value: 2 }, [2]],
    [{ op: 'noteq', field: 'companyType', value: 2 }, [1, 4]], // SQL: null is neither equal nor unequal
    [{ op: 'gt', field: 'companyType', value: 1 }, [2, 4]],
    [{ op: 'gte', field: 'companyType', value: 2 }, [2, 4]],
    [{ op: 'lt', field: 'companyType', value: 2 }, [1]],
    [{ op: 'lte', field: 'companyType', value: 2 }, [1, 2]],
    [{ op: 'beginsWith', field: 'companyName', value: 'ACME' }, [1, 4]],
    [{ op: 'endsWith', field: 'companyName', value: 'legal' }, [2]],
    [{ op: 'contains', field: 'companyName', value: 'Dent' }, [1]],
    [{ op: 'exist', field: 'companyName' }, [1, 2, 4]],
    [{ op: 'notExist', field: 'companyName' }, [3]],
    [{ op: 'in', field: 'companyType', value: [1, 3] }, [1, 4]],
    [{ op: 'notIn', field: 'companyType', value: [1, 3] }, [2]],
    [{ op: 'eq', field: 'isActive', value: false }, [2]],
    [{ op: 'gte', field: 'lastModified', value: '2024-03-01T00:00:00' }, [3, 4]],
    [{ op: 'lt', field: 'lastModified', value: '2024-02-01T00:00:00.000Z' }, [1]],
    [{ op: 'eq', field: 'companyName', value: 'acme dental' }, [1]],
  ])('%j matches %j', (node, expected) => {
    expect(ids([node])).toEqual(expected);
  });

  it('matches field names and operators case-insensitively', () => {
    expect(ids([{ op: 'EQ', field: 'COMPANYTYPE', value: 1 }])).toEqual([1]);
    expect(ids([{ op: 'beginswith', field: 'CompanyName', value: 'glo' }])).toEqual([2]);
  });

  it('ANDs the top level and nests and/or groups', () => {
    expect(ids([{ op: 'eq', field: 'isActive', value: true }, { op: 'contains', field: 'companyName', value: 'acme' }])).toEqual([1, 4]);
    const nested = [
      {
        op: 'or',
        items: [
          { op: 'eq', field: 'companyType', value: 2 },
          { op: 'and', items: [{ op: 'notExist', field: 'companyName' }, { op: 'eq', field: 'isActive', value: true }] },
        ],
      },
    ];
    expect(ids(nested)).toEqual([2, 3]);
  });

  it('filters on user-defined fields with udf: true', () => {
    expect(ids([{ op: 'gt', field: 'Number of Employees', value: 20, udf: true }])).toEqual([2, 4]);
    expect(ids([{ op: 'notExist', field: 'number of employees', udf: true }])).toEqual([3]);
  });

  it('splits top-level id gt/gte off as a bound and keys the cache on the rest', () => {
    const a = compileFilter(entity, [{ op: 'gt', field: 'id', value: 2 }, { op: 'exist', field: 'companyName' }]);
    const b = compileFilter(entity, [{ op: 'gte', field: 'Id', value: 7 }, { op: 'exist', field: 'companyName' }]);
    expect(a.idAbove).toBe(2);
    expect(b.idAbove).toBe(6);
    expect(a.residualKey).toBe(b.residualKey);
    expect(ids([{ op: 'gt', field: 'id', value: 2 }])).toEqual([3, 4]);
    // Inside a group the id condition is an ordinary condition.
    expect(ids([{ op: 'or', items: [{ op: 'gt', field: 'id', value: 3 }, { op: 'eq', field: 'companyType', value: 1 }] }])).toEqual([1, 4]);
  });

  it('refuses what the real API refuses, with a 500 and a reason', () => {
    rejects([]);
    rejects(undefined);
    rejects([{ op: 'eq', field: 'nope', value: 1 }]);
    rejects([{ op: 'like', field: 'companyName', value: 'x' }]);
    rejects([{ field: 'companyName', value: 'x' }]);
    rejects([{ op: 'or', items: [] }]);
    rejects([{ op: 'in', field: 'companyType', value: 3 }]);
    rejects([{ op: 'eq', field: 'isActive', value: 1 }]);
    rejects([{ op: 'eq', field: 'companyType', value: 'abc' }]);
    rejects([{ op: 'gt', field: 'lastModified', value: 'yesterday' }]);
    rejects([{ op: 'eq', field: 'companyName' }]);
    rejects([{ op: 'eq', field: 'Number of Employees', value: 1 }]); // a UDF without udf: true is not a field
  });
});
