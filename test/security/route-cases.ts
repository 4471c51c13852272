import type { Role } from '../../src/accounts/roles.js';

/** One of everything in account B, by id: what the enumeration substitutes for every id a route takes. */
export interface AccountB {
  accountId: string;
  userId: string;
  email: string;
  organization: string;
  configuration: string;
  contact: string;
  password: string;
  document: string;
  integration: string;
  run: string;
  scope: string;
  trashBatch: string;
  manageJob: string;
  match: string;
  syncError: string;
  apiKey: string;
  /** B's simulator: a valid PSA to name in bodies (the simulator is no one's data). */
  baseUrl: string;
  credentials: Record<string, string>;
}

export interface RouteCase {
  /** The lowest role the route admits; `public` needs no caller. */
  role: Role | 'public';
  /**
   * not_found: the route takes B's ids in its path and must answer 404. own: the route is not id-based (or takes
   * B's ids only in its body or query); it answers about the caller's own account and must not leak B's data.
   */
  cross: 'not_found' | 'own';
  /** A valid-shaped request naming B's resources wherever it can, so that validation passes and authorization decides. */
  request: (b: AccountB) => { path: string; body?: unknown };
  /** The route ends the session it is called with: the tests give it a throwaway caller. */
  endsSession?: true;
}

const v1 = '/api/v1';

/** The five REST routes every record resource has. */
function resource(path: string, idOf: (b: AccountB) => string, create: (b: AccountB) => object, patch: object, listQuery: (b: AccountB) => string) {
  return {
    [`GET ${v1}${path}`]: { role: 'readonly', cross: 'own', request: (b) => ({ path: `${v1}${path}?${listQuery(b)}` }) },
    [`POST ${v1}${path}`]: { role: 'editor', cross: 'own', request: (b) => ({ path: `${v1}${path}`, body: create(b) }) },
    [`GET ${v1}${path}/{id}`]: { role: 'readonly', cross: 'not_found', request: (b) => ({ path: `${v1}${path}/${idOf(b)}` }) },
    [`PATCH ${v1}${path}/{id}`]: { role: 'editor', cross: 'not_found', request: (b) => ({ path: `${v1}${path}/${idOf(b)}`, body: patch }) },
    [`DELETE ${v1}${path}/{id}`]: { role: 'manager', cross: 'not_found', request: (b) => ({ path: `${v1}${path}/${idOf(b)}` }) },
  } satisfies Record<string, RouteCase>;
}

const integration = (b: AccountB, rest = '') => `${v1}/integrations/${b.integration}${rest}`;
const run = (b: AccountB, rest = '') => integration(b, `/runs/${b.run}${rest}`);
const scope = (b: AccountB, rest: string) => `${v1}/manage/scopes/${b.scope}${rest}`;
const own = (role: RouteCase['role'], request: RouteCase['request']): RouteCase => ({ role, cross: 'own', request });
const byId = (role: RouteCase['role'], request: RouteCase['request']): RouteCase => ({ role, cross: 'not_found', request });

/**
 * Every operation of the OpenAPI document, keyed "METHOD path" as the document spells it. The tests assert that this
 * table and the document hold the same set, so a new route fails them until it is given a case here.
 */
export const routeCases: Record<string, RouteCase> = {
  'GET /api/health': own('public', () => ({ path: '/api/health' })),
  // Not account-scoped; B's email would only count a failed attempt against B (the lockout, tested on its own).
  [`POST ${v1}/auth/sign-in`]: own('public', () => ({ path: `${v1}/auth/sign-in`, body: { email: 'nobody@globex.test', password: 'not-a-password' } })),
  [`GET ${v1}/auth/session`]: own('readonly', () => ({ path: `${v1}/auth/session` })),
  [`POST ${v1}/auth/sign-out`]: { ...own('readonly', () => ({ path: `${v1}/auth/sign-out` })), endsSession: true },
  [`GET ${v1}/api-keys`]: own('readonly', () => ({ path: `${v1}/api-keys` })),
  [`POST ${v1}/api-keys`]: own('readonly', () => ({ path: `${v1}/api-keys`, body: { name: 'enumerated' } })),
  [`DELETE ${v1}/api-keys/{id}`]: byId('readonly', (b) => ({ path: `${v1}/api-keys/${b.apiKey}` })),

  ...resource('/organizations', (b) => b.organization, () => ({ name: 'Enumerated org' }), { name: 'Renamed by A' }, () => 'q=a'),
  ...resource('/configurations', (b) => b.configuration, (b) => ({ organizationId: b.organization, name: 'Enumerated config' }), { name: 'Renamed by A' }, (b) => `organizationId=${b.organization}`),
  ...resource('/contacts', (b) => b.contact, (b) => ({ organizationId: b.organization, firstName: 'Enumerated' }), { firstName: 'Renamed' }, (b) => `organizationId=${b.organization}`),
  ...resource('/passwords', (b) => b.password, (b) => ({ organizationId: b.organization, name: 'Enumerated', secret: 'x' }), { name: 'Renamed by A' }, (b) => `organizationId=${b.organization}&attachedToId=${b.configuration}`),
  ...resource('/documents', (b) => b.document, (b) => ({ organizationId: b.organization, title: 'Enumerated' }), { title: 'Renamed by A' }, (b) => `organizationId=${b.organization}&attachedToId=${b.contact}`),
  [`GET ${v1}/passwords/{id}/secret`]: byId('readonly', (b) => ({ path: `${v1}/passwords/${b.password}/secret` })),

  [`GET ${v1}/lookups`]: own('readonly', () => ({ path: `${v1}/lookups` })),
  [`POST ${v1}/lookups/{list}`]: own('admin', () => ({ path: `${v1}/lookups/organizationTypes`, body: { name: 'Enumerated type' } })),

  [`GET ${v1}/integrations`]: own('admin', () => ({ path: `${v1}/integrations` })),
  [`POST ${v1}/integrations`]: own('admin', (b) => ({ path: `${v1}/integrations`, body: { provider: 'connectwise', baseUrl: b.baseUrl, credentials: b.credentials } })),
  [`POST ${v1}/integrations/test`]: own('admin', (b) => ({ path: `${v1}/integrations/test`, body: { provider: 'connectwise', baseUrl: b.baseUrl, credentials: b.credentials } })),
  [`GET ${v1}/integrations/{id}`]: byId('admin', (b) => ({ path: integration(b) })),
  [`PATCH ${v1}/integrations/{id}`]: byId('admin', (b) => ({ path: integration(b), body: { name: 'Renamed by A' } })),
  [`DELETE ${v1}/integrations/{id}`]: byId('admin', (b) => ({ path: integration(b), body: { confirmationToken: 'x' } })),
  [`POST ${v1}/integrations/{id}/pause`]: byId('admin', (b) => ({ path: integration(b, '/pause') })),
  [`POST ${v1}/integrations/{id}/resume`]: byId('admin', (b) => ({ path: integration(b, '/resume') })),
  [`POST ${v1}/integrations/{id}/test`]: byId('admin', (b) => ({ path: integration(b, '/test') })),
  [`POST ${v1}/integrations/{id}/scopes/refresh`]: byId('admin', (b) => ({ path: integration(b, '/scopes/refresh') })),
  [`PUT ${v1}/integrations/{id}/scopes`]: byId('admin', (b) => ({ path: integration(b, '/scopes'), body: { scopes: [{ id: b.scope, state: 'excluded' }] } })),
  [`POST ${v1}/integrations/{id}/settings-preview`]: byId('admin', (b) => ({ path: integration(b, '/settings-preview'), body: { contactsEnabled: false } })),
  [`GET ${v1}/integrations/{id}/matches`]: byId('admin', (b) => ({ path: integration(b, '/matches?status=all') })),
  [`POST ${v1}/integrations/{id}/matches/prepare`]: byId('admin', (b) => ({ path: integration(b, '/matches/prepare') })),
  [`POST ${v1}/integrations/{id}/matches/accept-exact`]: byId('admin', (b) => ({ path: integration(b, '/matches/accept-exact') })),
  [`PATCH ${v1}/integrations/{id}/matches/{matchId}`]: byId('admin', (b) => ({ path: integration(b, `/matches/${b.match}`), body: { decision: 'ignore' } })),
  [`GET ${v1}/integrations/{id}/removal-preview`]: byId('admin', (b) => ({ path: integration(b, '/removal-preview') })),
  [`POST ${v1}/integrations/{id}/runs`]: byId('admin', (b) => ({ path: integration(b, '/runs'), body: { full: true } })),
  [`GET ${v1}/integrations/{id}/runs`]: byId('admin', (b) => ({ path: integration(b, '/runs') })),
  [`GET ${v1}/integrations/{id}/runs/{runId}`]: byId('admin', (b) => ({ path: run(b) })),
  [`GET ${v1}/integrations/{id}/runs/{runId}/events`]: byId('admin', (b) => ({ path: run(b, '/events') })),
  [`POST ${v1}/integrations/{id}/runs/{runId}/cancel`]: byId('admin', (b) => ({ path: run(b, '/cancel') })),
  [`POST ${v1}/integrations/{id}/runs/{runId}/confirm`]: byId('admin', (b) => ({ path: run(b, '/confirm') })),
  [`POST ${v1}/integrations/{id}/runs/{runId}/discard`]: byId('admin', (b) => ({ path: run(b, '/discard') })),

  [`GET ${v1}/sync-errors`]: own('admin', () => ({ path: `${v1}/sync-errors` })),
  [`POST ${v1}/sync-errors/{id}/retry`]: byId('admin', (b) => ({ path: `${v1}/sync-errors/${b.syncError}/retry` })),

  [`GET ${v1}/trash`]: own('admin', () => ({ path: `${v1}/trash` })),
  [`GET ${v1}/trash/settings`]: own('admin', () => ({ path: `${v1}/trash/settings` })),
  [`PUT ${v1}/trash/settings`]: own('admin', () => ({ path: `${v1}/trash/settings`, body: { retentionDays: 7 } })),
  [`GET ${v1}/trash/{id}`]: byId('admin', (b) => ({ path: `${v1}/trash/${b.trashBatch}` })),
  [`POST ${v1}/trash/{id}/restore`]: byId('admin', (b) => ({ path: `${v1}/trash/${b.trashBatch}/restore` })),
  [`POST ${v1}/trash/{id}/purge`]: byId('admin', (b) => ({ path: `${v1}/trash/${b.trashBatch}/purge`, body: { confirm: 'PURGE' } })),

  [`POST ${v1}/manage/records/delete-preview`]: own('admin', (b) => ({ path: `${v1}/manage/records/delete-preview`, body: { kind: 'configuration', ids: [b.configuration] } })),
  [`POST ${v1}/manage/records/delete`]: own('admin', (b) => ({ path: `${v1}/manage/records/delete`, body: { kind: 'configuration', ids: [b.configuration], confirmationToken: 'x' } })),
  [`GET ${v1}/manage/summary`]: own('admin', () => ({ path: `${v1}/manage/summary` })),
  [`GET ${v1}/manage/records`]: own('admin', (b) => ({ path: `${v1}/manage/records?kind=configuration&organizationId=${b.organization}&scopeId=${b.scope}` })),
  [`GET ${v1}/manage/records.csv`]: own('admin', (b) => ({ path: `${v1}/manage/records.csv?kind=configuration&organizationId=${b.organization}` })),
  [`GET ${v1}/audit`]: own('admin', (b) => ({ path: `${v1}/audit?actorId=${b.userId}` })),
  [`GET ${v1}/audit.csv`]: own('admin', (b) => ({ path: `${v1}/audit.csv?actorId=${b.userId}` })),
  [`POST ${v1}/manage/records/sync`]: own('admin', (b) => ({ path: `${v1}/manage/records/sync`, body: { kind: 'configuration', ids: [b.configuration], action: 'disable' } })),
  [`POST ${v1}/manage/reconnect`]: own('admin', () => ({ path: `${v1}/manage/reconnect`, body: { kind: 'configuration' } })),
  [`POST ${v1}/manage/scopes/{scopeId}/disconnect-preview`]: byId('admin', (b) => ({ path: scope(b, '/disconnect-preview'), body: { mode: 'delete' } })),
  [`POST ${v1}/manage/scopes/{scopeId}/disconnect`]: byId('admin', (b) => ({ path: scope(b, '/disconnect'), body: { mode: 'unlink', confirmationToken: 'x' } })),
  [`POST ${v1}/manage/scopes/{scopeId}/resume`]: byId('admin', (b) => ({ path: scope(b, '/resume') })),
  [`POST ${v1}/manage/scopes/{scopeId}/reconnect`]: byId('admin', (b) => ({ path: scope(b, '/reconnect') })),
  [`POST ${v1}/manage/orphans/delete-preview`]: own('admin', () => ({ path: `${v1}/manage/orphans/delete-preview`, body: { kind: 'configuration' } })),
  [`POST ${v1}/manage/orphans/delete`]: own('admin', () => ({ path: `${v1}/manage/orphans/delete`, body: { kind: 'configuration', confirmationToken: 'x' } })),
  [`GET ${v1}/manage/records/{kind}/{recordId}/link`]: byId('readonly', (b) => ({ path: `${v1}/manage/records/configuration/${b.configuration}/link` })),
  [`GET ${v1}/manage/jobs/{jobId}`]: byId('admin', (b) => ({ path: `${v1}/manage/jobs/${b.manageJob}` })),
};

/** "METHOD path" of every operation in an OpenAPI document. */
export const documentRoutes = (doc: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
