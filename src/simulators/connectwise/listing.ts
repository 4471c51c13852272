import type { Collection } from './collections.js';
import type { Json, JsonObject } from './conditions/evaluate.js';
import { compareRecords, lowerCaseKeys, parseListQuery, pickFields, type ListQuery } from './list-query.js';
import type { ShapeContext } from './shape.js';

export interface ListResult {
  body: Json[];
  /** RFC 5988 Link header, absent when there is no other page. */
  link?: string;
}

/** The ids matching a query, in its order, computed once per data version (paging must not re-filter 300k records). */
export function matchingIds(ctx: ShapeContext, collection: Collection, query: ListQuery): readonly number[] {
  return ctx.world.cachedQuery(query.cacheKey, () => {
    const byIdOnly = query.order.every((key) => key.path.join('/') === 'id' && !key.descending);
    if (!query.filter && byIdOnly) return collection.ids(ctx);
    const rows: JsonObject[] = [];
    for (const id of collection.ids(ctx)) {
      const row = collection.shape(ctx, id);
      if (row && (!query.filter || query.filter(row))) rows.push(row);
    }
    if (!byIdOnly) rows.sort(compareRecords(query.order));
    return rows.map((row) => row.id as number);
  });
}

export interface ListRequest {
  collection: Collection;
  rawQuery: unknown;
  forwardOnly: boolean;
  /** Scheme, host and path of the request, for the Link header. */
  selfUrl: string;
}

export function list(ctx: ShapeContext, request: ListRequest): ListResult {
  const { collection } = request;
  const query = parseListQuery(collection.resource, request.rawQuery, request.forwardOnly);
  let ids = matchingIds(ctx, collection, query);
  if (query.forwardOnly) return forwardOnlyPage(ctx, request, query, ids);
  // pageId outside forward-only paging is one more condition: id > pageId.
  if (query.pageId !== undefined) ids = ids.filter((id) => id > query.pageId!);
  const start = (query.page - 1) * query.pageSize;
  const pageIds = ids.slice(start, start + query.pageSize);
  const lastPage = Math.max(1, Math.ceil(ids.length / query.pageSize));
  const links: string[] = [];
  const url = (page: number) => linkUrl(request, query.pageSize, 'page', page);
  if (query.page > 1) links.push(`<${url(1)}>; rel="first"`, `<${url(Math.min(query.page - 1, lastPage))}>; rel="prev"`);
  if (query.page < lastPage) links.push(`<${url(query.page + 1)}>; rel="next"`, `<${url(lastPage)}>; rel="last"`);
  return { body: shapePage(ctx, collection, query, pageIds), link: links.length ? links.join(', ') : undefined };
}

/** Keyset paging: the page starts after pageId in id order, so inserts and deletes between pages shift nothing. */
function forwardOnlyPage(ctx: ShapeContext, request: ListRequest, query: ListQuery, ids: readonly number[]): ListResult {
  const start = firstIndexAfter(ids, query.pageId ?? 0);
  const pageIds = ids.slice(start, start + query.pageSize);
  const more = start + query.pageSize < ids.length;
  const link = more ? `<${linkUrl(request, query.pageSize, 'pageId', pageIds.at(-1)!)}>; rel="next"` : undefined;
  return { body: shapePage(ctx, request.collection, query, pageIds), link };
}

function shapePage(ctx: ShapeContext, collection: Collection, query: ListQuery, ids: readonly number[]): Json[] {
  const rows: Json[] = [];
  for (const id of ids) {
    const row = collection.shape(ctx, id);
    if (row) rows.push(query.fields ? pickFields(row, query.fields) : row);
  }
  return rows;
}

/** Binary search in ascending ids. */
function firstIndexAfter(ids: readonly number[], after: number): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ids[middle]! <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The request's own query with the paging replaced, page parameters last as the real API writes them. */
function linkUrl(request: ListRequest, pageSize: number, pageParameter: 'page' | 'pageId', value: number): string {
  const kept = Object.entries(lowerCaseKeys(request.rawQuery))
    .filter(([key]) => key !== 'page' && key !== 'pagesize' && key !== 'pageid')
    .map(([key, v]) => `${originalKey(request.rawQuery, key)}=${encodeURIComponent(v)}`);
  return `${request.selfUrl}?${[...kept, `pageSize=${pageSize}`, `${pageParameter}=${value}`].join('&')}`;
}

function originalKey(rawQuery: unknown, lowerKey: string): string {
  return Object.keys((rawQuery ?? {}) as object).find((k) => k.toLowerCase() === lowerKey) ?? lowerKey;
}
