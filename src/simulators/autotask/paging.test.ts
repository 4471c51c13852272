import { describe, expect, it } from 'vitest';
import { decodePaging, dotNetEncode, firstIndexAbove, pageLinks } from './paging.js';

describe('Autotask paging URLs', () => {
  const search = { filter: [{ op: 'exist', field: 'id' }], MaxRecords: 2 };
  const base = 'http://h/ATServicesRest/V1.0/Companies/query';

  it('encodes the paging state and the search in the next page URL, .NET style', () => {
    const links = pageLinks({ queryUrl: base, search, pageSize: 2, previousIds: [], firstId: 1, nextId: 3 });
    expect(links.prevPageUrl).toBeNull();
    expect(links.nextPageUrl).toMatch(/^http:\/\/h\/ATServicesRest\/V1\.0\/Companies\/query\/next\?paging=%7b%22pageSize%22%3a2/);
    const url = new URL(links.nextPageUrl!);
    expect(decodePaging(url.searchParams.get('paging'))).toEqual({ pageSize: 2, previousIds: [1], nextIds: [3] });
    expect(JSON.parse(url.searchParams.get('search')!)).toEqual(search);
  });

  it('points back to the previous page and keeps at most 50 previous pages', () => {
    const previousIds = Array.from({ length: 50 }, (_, i) => i * 10 + 1);
    const links = pageLinks({ queryUrl: base, search, pageSize: 10, previousIds, firstId: 501, nextId: 511 });
    const next = decodePaging(new URL(links.nextPageUrl!).searchParams.get('paging'));
    expect(next.previousIds).toHaveLength(50);
    expect(next.previousIds.at(-1)).toBe(501);
    const previous = decodePaging(new URL(links.prevPageUrl!).searchParams.get('paging'));
    expect(previous.nextIds).toEqual([491]);
    expect(new URL(links.prevPageUrl!).pathname.endsWith('/query/prev')).toBe(true);
  });

  it('has no next page after the last one', () => {
    expect(pageLinks({ queryUrl: base, search, pageSize: 2, previousIds: [1], firstId: 3, nextId: undefined }).nextPageUrl).toBeNull();
  });

  it('refuses a paging parameter that is not its own', () => {
    for (const bad of [undefined, '', 'x', '{}', '{"pageSize":1,"previousIds":[],"nextIds":[]}', '{"pageSize":1,"previousIds":["a"],"nextIds":[1]}']) {
      expect(() => decodePaging(bad)).toThrow();
    }
  });

  it('finds the first id above a bound by binary search', () => {
    const ids = [1, 3, 5, 7, 9];
    expect(firstIndexAbove(ids, -Infinity)).toBe(0);
    expect(firstIndexAbove(ids, 0)).toBe(0);
    expect(firstIndexAbove(ids, 3)).toBe(2);
    expect(firstIndexAbove(ids, 4)).toBe(2);
    expect(firstIndexAbove(ids, 9)).toBe(5);
    expect(firstIndexAbove([], 1)).toBe(0);
  });

  it('writes lower-case escapes', () => {
    expect(dotNetEncode('{"a":1}')).toBe('%7b%22a%22%3a1%7d');
  });
});
