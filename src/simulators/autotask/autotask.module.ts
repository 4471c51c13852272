import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimContext, SimulatorModule } from '../module.js';
import { registerContactRoutes } from './contact-routes.js';
import { AutotaskApiError, errorsBody } from './errors.js';
import { registerInfoRoutes, registerServiceRoutes } from './info-routes.js';
import { registerQueryRoutes } from './query-routes.js';
import { API_PREFIX, createRuntime, DEFAULT_REQUEST_BUDGET, entities, type AutotaskRuntime } from './runtime.js';
import { registerWriteRoutes } from './write-routes.js';

/**
 * The Autotask (Datto PSA) REST API, `/ATServicesRest/V1.0`, paths case-insensitive as on the real service.
 * ZoneInformation answers without credentials and points at this server; every other call needs the
 * `ApiIntegrationCode`, `UserName` and `Secret` headers, counts against the hourly request budget (slowed past 50%
 * and 75%, refused at 100%) and against the 3-requests-per-endpoint thread limit.
 */
const defaults = {
  username: 'psalink-api@simulator.example',
  secret: 'autotask-sim-secret',
  integrationCode: 'PSALINKSIMULATORINTEGRATION',
};

export const autotaskModule: SimulatorModule = {
  psa: 'autotask',
  caseInsensitivePaths: true,
  credentialOptions: [
    { key: 'username', flag: '--username', description: 'API user name (UserName header)', default: defaults.username },
    { key: 'secret', flag: '--secret', description: 'API user secret (Secret header)', default: defaults.secret },
    { key: 'integrationCode', flag: '--integration-code', description: 'API tracking identifier (ApiIntegrationCode header)', default: defaults.integrationCode },
    {
      key: 'requestBudget',
      flag: '--request-budget',
      description: 'Not a credential: requests allowed per rolling hour before Autotask refuses them (latency added past 50% and 75%)',
      default: String(DEFAULT_REQUEST_BUDGET),
    },
  ],
  baseUrl: (origin) => origin + API_PREFIX,
  errorBody: (_status, message) => errorsBody(message),
  register: async (app, ctx) => {
    const runtime = createRuntime(ctx);
    await app.register(async (scope) => registerApi(scope, ctx, runtime), { prefix: API_PREFIX });
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function registerApi(app: FastifyInstance, ctx: SimContext, runtime: AutotaskRuntime) {
  // Clients send Content-Type: application/json on GET and DELETE without a body; Autotask does not mind.
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(['application/json', 'text/json'], { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AutotaskApiError(500, 'The request body is not valid JSON.'), undefined);
    }
  });
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof AutotaskApiError) return reply.status(error.status).send(errorsBody(error.message));
    const status = (error as { statusCode?: number }).statusCode;
    return reply.status(status && status >= 400 && status < 500 ? status : 500).send(errorsBody((error as Error).message));
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send(errorsBody(`The resource ${request.method} ${request.url.split('?')[0]} does not exist.`)));
  app.addHook('onRequest', (request, reply) => guard(runtime, request, reply));

  app.get('/ZoneInformation', { config: { public: true } }, async (request, reply) => {
    const user = (request.query as { user?: string }).user;
    if (!user) return reply.status(500).send(errorsBody('The user parameter is required.'));
    if (user.toLowerCase() !== ctx.credentials.username!.toLowerCase()) {
      return reply.status(500).send(errorsBody('Zone information could not be determined for the user.'));
    }
    const origin = ctx.origin();
    return { zoneName: 'Simulator (psalink)', url: `${origin}/ATServicesRest/`, webUrl: `${origin}/`, ci: 29683500 };
  });
  registerServiceRoutes(app, runtime);
  for (const entity of entities) {
    registerQueryRoutes(app, runtime, entity);
    registerInfoRoutes(app, runtime, entity);
  }
  registerWriteRoutes(app, runtime);
  registerContactRoutes(app, runtime);
}

const headerOf = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Credentials, then the hourly budget, then the thread limit, then the latency Autotask adds near the budget. */
async function guard(runtime: AutotaskRuntime, request: FastifyRequest, reply: FastifyReply) {
  if ((request.routeOptions.config as { public?: boolean } | undefined)?.public) return;
  const credentials = runtime.ctx.credentials;
  const user = headerOf(request, 'username');
  const secret = headerOf(request, 'secret');
  const code = headerOf(request, 'apiintegrationcode');
  if (!user || !secret || !code) {
    return reply.status(401).send(errorsBody('Missing authentication headers: ApiIntegrationCode, UserName and Secret are required.'));
  }
  if (user.toLowerCase() !== credentials.username!.toLowerCase() || secret !== credentials.secret || code !== credentials.integrationCode) {
    return reply.status(401).send(errorsBody('Authentication failed: the user name, secret or API integration code is not valid.'));
  }
  const { budget, threads } = runtime;
  // Reading the threshold neither counts nor waits, so that a throttled integration can still see why.
  if (endpointOf(request.url) === 'thresholdinformation') return;
  if (budget.exhausted()) {
    return reply
      .status(429)
      .send(errorsBody(`The request was rejected: this database has used its API request threshold of ${budget.threshold} requests in the last 60 minutes.`));
  }
  budget.record();
  const endpoint = endpointOf(request.url);
  if (!threads.tryAcquire(endpoint)) {
    return reply.status(429).send(errorsBody(`Thread limit exceeded: at most ${threads.limit} concurrent requests per integration on the ${endpoint} endpoint.`));
  }
  let released = false;
  const release = () => {
    if (!released) threads.release(endpoint);
    released = true;
  };
  reply.raw.once('close', release);
  // A client that gave up while the request waited (e.g. behind an injected delay) must not hold the slot forever.
  if (request.raw.socket?.destroyed) release();
  const latency = budget.latencyMs();
  if (latency > 0) await sleep(latency);
}

/** The object endpoint a request counts against: the first segment after V1.0 (Companies for Companies/5/Contacts). */
export function endpointOf(url: string): string {
  const path = url.split('?')[0]!.toLowerCase();
  const rest = path.slice(path.indexOf('/v1.0/') + '/v1.0/'.length);
  return rest.split('/')[0] ?? '';
}
