import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { CONTROL_PREFIX, registerControlRoutes } from './control-routes.js';
import { FaultInjector, type ActiveFault } from './faults.js';
import type { SimContext, SimulatorModule } from './module.js';
import type { Scale } from './world/types.js';
import { SimWorld } from './world/world.js';

export interface SimulatorOptions {
  host?: string;
  port?: number;
  seed?: number;
  scale: Scale;
  /** Overrides of the module's default credentials. */
  credentials?: Record<string, string>;
}

export interface RunningSimulator {
  psa: string;
  baseUrl: string;
  controlUrl: string;
  credentials: Record<string, string>;
  world: SimWorld;
  faults: FaultInjector;
  app: FastifyInstance;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts one simulated PSA over generated data: its API, the control API and fault injection. */
export async function startSimulator(module: SimulatorModule, options: SimulatorOptions): Promise<RunningSimulator> {
  const world = new SimWorld({ scale: options.scale, seed: options.seed ?? 1 });
  const faults = new FaultInjector();
  const credentials = Object.fromEntries(module.credentialOptions.map((o) => [o.key, options.credentials?.[o.key] ?? o.default]));
  let origin = '';
  const ctx: SimContext = { world, faults, credentials, origin: () => origin };

  const app = Fastify({
    logger: false,
    bodyLimit: 10 * 1024 * 1024,
    routerOptions: { caseSensitive: !module.caseInsensitivePaths, ignoreTrailingSlash: true },
  });
  app.addHook('onRequest', (request, reply) => applyFault(module, ctx, request, reply));
  app.addHook('onSend', async (request, _reply, payload) => (malformed.has(request) ? truncate(payload) : payload));
  registerControlRoutes(app, ctx, module.psa);
  await module.register(app, ctx);

  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address() as { address: string; port: number };
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;
  return {
    psa: module.psa,
    baseUrl: module.baseUrl(origin),
    controlUrl: origin + CONTROL_PREFIX,
    credentials,
    world,
    faults,
    app,
    close: () => app.close(),
  };
}

const malformed = new WeakSet<FastifyRequest>();

function truncate(payload: unknown): unknown {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '{"items":[';
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

async function applyFault(module: SimulatorModule, ctx: SimContext, request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0]!;
  if (path.startsWith(CONTROL_PREFIX)) return;
  const fault = ctx.faults.take(request.url);
  if (!fault) return;
  await inject(fault, module, ctx, request, reply);
}

async function inject(fault: ActiveFault, module: SimulatorModule, ctx: SimContext, request: FastifyRequest, reply: FastifyReply) {
  switch (fault.kind) {
    case 'rate_limit':
      return reply
        .status(429)
        .header('retry-after', String(fault.retryAfterSeconds))
        .send(module.errorBody(429, 'Rate limit exceeded. Retry later.'));
    case 'server_error':
      return reply.status(fault.status).send(module.errorBody(fault.status, 'An internal server error occurred.'));
    case 'expired_token':
      return reply.status(401).send(module.errorBody(401, 'The credentials have expired or were revoked.'));
    case 'slow':
      await sleep(fault.delayMs);
      return;
    case 'malformed':
      malformed.add(request);
      return;
    case 'drop':
      reply.hijack();
      request.raw.socket.destroy();
      return;
    case 'timeout': {
      // Hold the request open until the client gives up (or a long time passes), then drop it.
      reply.hijack();
      await Promise.race([new Promise((resolve) => request.raw.socket.once('close', resolve)), sleep(Math.max(fault.delayMs, 300_000))]);
      request.raw.socket.destroy();
      return;
    }
    case 'page_drift':
      if (fault.drift) drift(ctx, fault.drift);
      return;
  }
}

/** Deletes the lowest ids and inserts new records, so that offset paging shifts between two pages. */
function drift(ctx: SimContext, spec: NonNullable<ActiveFault['drift']>) {
  const { world } = ctx;
  const ids = [...world.tables[spec.kind].keys()];
  for (const id of ids.slice(0, spec.delete)) world.remove(spec.kind, id);
  const template = world.get(spec.kind, ids.at(-1) ?? 0);
  for (let i = 0; i < spec.insert && template; i++) {
    const { id: _id, createdAt: _c, updatedAt: _u, ...values } = template;
    world.create(spec.kind, { ...values, ...(spec.kind === 'contacts' ? { lastName: `Drift ${i}` } : { name: `Drift ${spec.kind} ${i}` }) } as never);
  }
}
