import { invalid } from './errors.js';

/**
 * Autotask keeps no server-side cursor: `nextPageUrl` carries the paging state in its query string,
 * `…/query/next?paging={"pageSize":500,"previousIds":[…],"nextIds":[…]}&search={…}` (URL-encoded the .NET way,
 * lower-case hex). `nextIds` holds the first id of the next page, `previousIds` the first ids of earlier pages (the
 * last 50), so paging is by id and records inserted or deleted between two pages never shift the pages.
 */
export interface PagingState {
  pageSize: number;
  previousIds: number[];
  nextIds: number[];
}

const PREVIOUS_PAGES_KEPT = 50;

/** encodeURIComponent with lower-case escapes, as the real service writes them. */
export const dotNetEncode = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

export function decodePaging(text: unknown): PagingState {
  if (typeof text !== 'string') throw invalid('The paging parameter is required.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('The paging parameter is not valid.');
  }
  const state = parsed as Partial<PagingState> | null;
  const ids = (value: unknown) => Array.isArray(value) && value.every((id) => Number.isInteger(id));
  if (!state || typeof state.pageSize !== 'number' || !ids(state.previousIds) || !ids(state.nextIds) || state.nextIds!.length === 0) {
    throw invalid('The paging parameter is not valid.');
  }
  return { pageSize: state.pageSize, previousIds: state.previousIds!, nextIds: state.nextIds! };
}

export interface PageLinks {
  nextPageUrl: string | null;
  prevPageUrl: string | null;
}

/**
 * Links for a page that started at `firstId`, reached from pages starting at `previousIds`, with the next page (if
 * any) starting at `nextId`.
 */
export function pageLinks(options: {
  queryUrl: string;
  search: Record<string, unknown>;
  pageSize: number;
  previousIds: number[];
  firstId: number | undefined;
  nextId: number | undefined;
}): PageLinks {
  const { queryUrl, search, pageSize, previousIds, firstId, nextId } = options;
  const link = (direction: 'next' | 'prev', state: PagingState) =>
    `${queryUrl}/${direction}?paging=${dotNetEncode(JSON.stringify(state))}&search=${dotNetEncode(JSON.stringify(search))}`;
  const kept = firstId === undefined ? previousIds : [...previousIds, firstId].slice(-PREVIOUS_PAGES_KEPT);
  const previousFirst = previousIds.at(-1);
  return {
    nextPageUrl: nextId === undefined ? null : link('next', { pageSize, previousIds: kept, nextIds: [nextId] }),
    prevPageUrl: previousFirst === undefined ? null : link('prev', { pageSize, previousIds: previousIds.slice(0, -1), nextIds: [previousFirst] }),
  };
}

/** Index of the first id > bound in an ascending list (binary search: pages must not scan 300k ids). */
export function firstIndexAbove(ids: readonly number[], bound: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle]! > bound) high = middle;
    else low = middle + 1;
  }
  return low;
}
