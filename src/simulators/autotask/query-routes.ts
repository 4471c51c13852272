import type { FastifyInstance } from 'fastify';
import { shapeItem, type AtEntity } from './entity-model.js';
import { invalid } from './errors.js';
import { decodePaging, firstIndexAbove, pageLinks, type PagingState } from './paging.js';
import { compileFilter } from './query-filter.js';
import { MAX_RECORDS, parseQueryModel, parseSearchParameter, type QueryModel } from './query-model.js';
import type { AutotaskRuntime } from './runtime.js';

/**
 * `{Entity}/query` (GET with `search`, POST with the body), `query/next` and `query/prev` (the paging URLs), and
 * `query/count`. Matching ids are computed once per filter and data version; a page is a binary search plus a slice.
 */
interface Params {
  search?: string;
  paging?: string;
}

export function registerQueryRoutes(app: FastifyInstance, runtime: AutotaskRuntime, entity: AtEntity) {
  const base = `/${entity.path}/query`;
  const modelOf = (query: Params, body: unknown): QueryModel => (query.search !== undefined ? parseSearchParameter(query.search) : parseQueryModel(body));

  app.get(base, async (request) => runQuery(runtime, entity, parseSearchParameter((request.query as Params).search)));
  app.post(base, async (request) => runQuery(runtime, entity, parseQueryModel(request.body)));
  for (const direction of ['next', 'prev']) {
    const handler = async (request: { query: unknown; body: unknown }) => {
      const query = request.query as Params;
      return runQuery(runtime, entity, modelOf(query, request.body), decodePaging(query.paging));
    };
    app.get(`${base}/${direction}`, handler);
    app.post(`${base}/${direction}`, handler);
  }
  app.get(`${base}/count`, async (request) => countQuery(runtime, entity, parseSearchParameter((request.query as Params).search)));
  app.post(`${base}/count`, async (request) => countQuery(runtime, entity, parseQueryModel(request.body)));
}

function matchingIds(runtime: AutotaskRuntime, entity: AtEntity, model: QueryModel) {
  const compiled = compileFilter(entity, model.filter);
  const { state } = runtime;
  const compute = () => {
    const rows = entity.rows(state);
    return rows.ids().filter((id) => {
      const row = rows.get(id);
      return row !== undefined && compiled.predicate(row, state);
    });
  };
  const ids = entity.cached ? state.world.cachedQuery(`autotask:${entity.path}:${compiled.residualKey}`, compute) : compute();
  return { ids, idAbove: compiled.idAbove };
}

function checkIncludeFields(entity: AtEntity, include: Set<string> | null) {
  for (const name of include ?? []) {
    if (!entity.fieldIndex.has(name) && !entity.udfIndex.has(name)) throw invalid(`Unable to find field '${name}' in the ${entity.label} entity.`);
  }
}

export function runQuery(runtime: AutotaskRuntime, entity: AtEntity, model: QueryModel, paging?: PagingState) {
  checkIncludeFields(entity, model.includeFields);
  const { ids, idAbove } = matchingIds(runtime, entity, model);
  const pageSize = paging ? paging.pageSize : model.maxRecords;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_RECORDS) throw invalid('The paging parameter is not valid.');
  const start = firstIndexAbove(ids, paging ? Math.max(idAbove, paging.nextIds[0]! - 1) : idAbove);
  const pageIds = ids.slice(start, start + pageSize);
  const rows = entity.rows(runtime.state);
  const items = [];
  for (const id of pageIds) {
    const row = rows.get(id);
    if (row) items.push(shapeItem(entity, row, runtime.state, model.includeFields ?? undefined));
  }
  const links = pageLinks({
    queryUrl: `${runtime.apiBase()}/${entity.path}/query`,
    search: model.raw,
    pageSize,
    previousIds: paging?.previousIds ?? [],
    firstId: pageIds[0],
    nextId: ids[start + pageSize],
  });
  return { items, pageDetails: { count: items.length, requestCount: pageSize, prevPageUrl: links.prevPageUrl, nextPageUrl: links.nextPageUrl } };
}

function countQuery(runtime: AutotaskRuntime, entity: AtEntity, model: QueryModel) {
  const { ids, idAbove } = matchingIds(runtime, entity, model);
  return { queryCount: ids.length - firstIndexAbove(ids, idAbove) };
}
