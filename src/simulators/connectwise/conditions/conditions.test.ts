import { describe, expect, it } from 'vitest';
import { compileCondition, likeMatcher, type JsonObject } from './evaluate.js';
import { parseConditions } from './parse.js';
import { ConditionSyntaxError, tokenize } from './tokenize.js';

const company: JsonObject = {
  id: 250,
  name: 'Acme "Dental" GmbH',
  identifier: 'AcmeDental250',
  deletedFlag: false,
  status: { id: 1, name: 'Active' },
  types: [
    { id: 1, name: 'Customer' },
    { id: 3, name: 'Prospect' },
  ],
  _info: { lastUpdated: '2024-05-01T12:00:00Z' },
};

const matches = (text: string, record: JsonObject = company) => compileCondition(parseConditions(text))(record);

describe('tokenize', () => {
  it('reads paths, operators, strings with escapes, numbers, dates and keywords', () => {
    const tokens = tokenize('company/id >= -5 AND name like "a \\"b\\"" or _info/lastUpdated < [2024-01-02T03:04:05Z] NOT in (1, 2)');
    expect(tokens.map((t) => t.kind)).toEqual([
      'path', 'operator', 'number', 'keyword', 'path', 'keyword', 'string', 'keyword', 'path', 'operator', 'datetime', 'keyword', 'keyword',
      'lparen', 'number', 'comma', 'number', 'rparen', 'end',
    ]);
    expect(tokens[0]).toMatchObject({ segments: ['company', 'id'] });
    expect(tokens[6]).toMatchObject({ value: 'a "b"' });
    expect(tokens[10]).toMatchObject({ value: Date.parse('2024-01-02T03:04:05Z') });
  });

  it('takes <> as != and rejects stray characters, open strings and bad dates', () => {
    expect(tokenize('id <> 1')[1]).toMatchObject({ kind: 'operator', op: '!=' });
    expect(() => tokenize('id = 1 ; drop')).toThrow(ConditionSyntaxError);
    expect(() => tokenize('name = "open')).toThrow(/Unterminated string/);
    expect(() => tokenize('_info/lastUpdated > [yesterday]')).toThrow(/not a valid date/);
    expect(() => tokenize('x > [2024-01-01')).toThrow(/Unterminated date/);
  });
});

describe('parseConditions', () => {
  it('binds and tighter than or, and honours parentheses', () => {
    expect(parseConditions('id = 1 or id = 2 and name = "x"')).toMatchObject({ type: 'or', operands: [{ type: 'compare' }, { type: 'and' }] });
    expect(parseConditions('(id = 1 or id = 2) and name = "x"')).toMatchObject({ type: 'and', operands: [{ type: 'or' }, { type: 'compare' }] });
  });

  it('parses like, contains, in and their negations, and the literals', () => {
    expect(parseConditions('name not like "A*"')).toEqual({ type: 'like', path: ['name'], pattern: 'A*', negated: true });
    expect(parseConditions('name contains "cme"')).toEqual({ type: 'contains', path: ['name'], value: 'cme', negated: false });
    expect(parseConditions('id not in (1, 2.5, null)')).toEqual({
      type: 'in',
      path: ['id'],
      values: [{ kind: 'number', value: 1 }, { kind: 'number', value: 2.5 }, { kind: 'null' }],
      negated: true,
    });
    expect(parseConditions('deletedFlag = TRUE')).toMatchObject({ value: { kind: 'boolean', value: true } });
  });

  it('reports what it expected and where', () => {
    expect(() => parseConditions('id =')).toThrow(/Expected a value .* but found the end/);
    expect(() => parseConditions('id 5')).toThrow(/Expected an operator .* but found 5 at position 3/);
    expect(() => parseConditions('(id = 1')).toThrow(/Expected '\)'/);
    expect(() => parseConditions('id = 1 id = 2')).toThrow(/Expected and, or or the end/);
    expect(() => parseConditions('name like 5')).toThrow(/quoted string after like/);
    expect(() => parseConditions('id not = 5')).toThrow(/like, contains or in after not/);
    expect(() => parseConditions('')).toThrow(/a field name/);
    expect(() => parseConditions(`${'('.repeat(500)}id = 1${')'.repeat(500)}`)).toThrow(/nested too deeply/);
  });
});

describe('evaluation', () => {
  it('compares numbers, strings without case, booleans and dates', () => {
    expect(matches('id = 250')).toBe(true);
    expect(matches('id > 250')).toBe(false);
    expect(matches('id >= 250 and id <= 250')).toBe(true);
    expect(matches('name = "acme \\"dental\\" gmbh"')).toBe(true);
    expect(matches('identifier < "b"')).toBe(true);
    expect(matches('deletedFlag = false')).toBe(true);
    expect(matches('_info/lastUpdated >= [2024-05-01T12:00:00Z]')).toBe(true);
    expect(matches('_info/lastUpdated > [2024-05-01T12:00:00Z]')).toBe(false);
    expect(matches('_info/lastUpdated > [2024-05-01]')).toBe(true);
  });

  it('follows nested paths and matches any element of a collection', () => {
    expect(matches('status/name = "active"')).toBe(true);
    expect(matches('types/id = 3')).toBe(true);
    expect(matches('types/name like "pros*"')).toBe(true);
    expect(matches('types/id = 2')).toBe(false);
  });

  it('treats missing values like SQL NULL', () => {
    expect(matches('website = null')).toBe(true);
    expect(matches('website != null')).toBe(false);
    expect(matches('website != "x"')).toBe(false);
    expect(matches('website not like "x*"')).toBe(false);
    expect(matches('name != null')).toBe(true);
  });

  it('supports like wildcards, contains, in and not', () => {
    expect(matches('name like "Acme*"')).toBe(true);
    expect(matches('name like "%dental%"')).toBe(true);
    expect(matches('name like "Acm_ *"')).toBe(true);
    expect(matches('name like "Acme"')).toBe(false);
    expect(matches('name contains "DENTAL"')).toBe(true);
    expect(matches('name not contains "dental"')).toBe(false);
    expect(matches('id in (1, 250)')).toBe(true);
    expect(matches('id not in (1, 250)')).toBe(false);
    expect(matches('not (id = 250)')).toBe(false);
    expect(matches('(id = 1 or status/id = 1) and not deletedFlag = true')).toBe(true);
  });

  it('matches like patterns literally apart from the wildcards, and quickly', () => {
    expect(likeMatcher('a.b(c)*')('A.B(C)xyz')).toBe(true);
    expect(likeMatcher('a.b')('axb')).toBe(false);
    expect(likeMatcher('*b*')('abc')).toBe(true);
    expect(likeMatcher('a_c')('abc')).toBe(true);
    expect(likeMatcher('')('')).toBe(true);
    const started = performance.now();
    expect(likeMatcher(`${'*a'.repeat(30)}*b`)('a'.repeat(5000))).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
