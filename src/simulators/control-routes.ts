import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { faultSpecSchema } from './faults.js';
import type { SimContext } from './module.js';
import type { SimKind } from './world/types.js';
import { blankRecord } from './world/blank-records.js';
import { Random } from './world/random.js';

export const CONTROL_PREFIX = '/_control';

const kindParam = z.enum(['companies', 'configurations', 'contacts']);
const lookupListParam = z.enum(['companyTypes', 'companyStatuses', 'configurationTypes', 'configurationStatuses', 'contactTypes']);
const nullableText = z.string().max(5000).nullable();
/** Everything a test may set on a record; ids, companyId and types are checked against the world. */
const recordChanges = z.strictObject({
  name: z.string().max(5000).optional(),
  identifier: z.string().max(100).optional(),
  typeIds: z.array(z.number().int()).optional(),
  typeId: z.number().int().optional(),
  statusId: z.number().int().optional(),
  companyId: z.number().int().optional(),
  firstName: z.string().max(5000).optional(),
  lastName: z.string().max(5000).optional(),
  phone: nullableText.optional(),
  website: nullableText.optional(),
  address1: nullableText.optional(),
  city: nullableText.optional(),
  state: nullableText.optional(),
  zip: nullableText.optional(),
  country: nullableText.optional(),
  serialNumber: nullableText.optional(),
  tagNumber: nullableText.optional(),
  hostname: nullableText.optional(),
  macAddress: nullableText.optional(),
  ipAddress: nullableText.optional(),
  manufacturer: nullableText.optional(),
  model: nullableText.optional(),
  osType: nullableText.optional(),
  warrantyExpiration: nullableText.optional(),
  title: nullableText.optional(),
  email: nullableText.optional(),
  mobile: nullableText.optional(),
  active: z.boolean().optional(),
  deleted: z.boolean().optional(),
});

/** What a control-API create fills in beyond the blank record, so that a bare `{}` makes a usable record. */
const createDefaults: Record<SimKind, Record<string, unknown>> = {
  companies: { name: 'New Company' },
  configurations: { companyId: 1, name: 'NEW-DEVICE' },
  contacts: { companyId: 1, firstName: 'New', lastName: 'Contact' },
};

function bad(reply: { status(code: number): { send(body: unknown): unknown } }, message: string) {
  return reply.status(400).send({ error: message });
}

/**
 * The control API: documented in the README, separate from the PSA API, unauthenticated (simulators bind to
 * loopback). Tests use it to change PSA data, move the clock and inject faults.
 */
export function registerControlRoutes(app: FastifyInstance, ctx: SimContext, psa: string) {
  const { world, faults } = ctx;

  app.get(CONTROL_PREFIX, async () => ({
    psa,
    now: world.now().toISOString(),
    counts: { companies: world.count('companies'), configurations: world.count('configurations'), contacts: world.count('contacts') },
    lookups: world.lookups,
    faults: faults.list(),
  }));

  app.get(`${CONTROL_PREFIX}/records/:kind/:id`, async (request, reply) => {
    const { kind, id } = request.params as { kind: string; id: string };
    const parsedKind = kindParam.safeParse(kind);
    if (!parsedKind.success) return bad(reply, 'kind must be companies, configurations or contacts');
    const record = world.get(parsedKind.data, Number(id));
    return record ?? reply.status(404).send({ error: 'no such record' });
  });

  app.post(`${CONTROL_PREFIX}/records/:kind`, async (request, reply) => {
    const kind = kindParam.safeParse((request.params as { kind: string }).kind);
    const body = recordChanges.safeParse(request.body ?? {});
    if (!kind.success || !body.success) return bad(reply, body.error?.message ?? 'bad kind');
    const problem = checkReferences(ctx, body.data);
    if (problem) return bad(reply, problem);
    const record = world.create(kind.data, { ...blankRecord(world, kind.data), ...createDefaults[kind.data], ...body.data } as never);
    if (kind.data === 'companies' && !body.data.identifier) world.update('companies', record.id, { identifier: `Company${record.id}` });
    return reply.status(201).send(world.get(kind.data, record.id));
  });

  app.patch(`${CONTROL_PREFIX}/records/:kind/:id`, async (request, reply) => {
    const { kind: rawKind, id } = request.params as { kind: string; id: string };
    const kind = kindParam.safeParse(rawKind);
    const body = recordChanges.safeParse(request.body ?? {});
    if (!kind.success || !body.success) return bad(reply, body.error?.message ?? 'bad kind');
    const problem = checkReferences(ctx, body.data);
    if (problem) return bad(reply, problem);
    const record = world.update(kind.data, Number(id), body.data as never);
    return record ?? reply.status(404).send({ error: 'no such record' });
  });

  app.delete(`${CONTROL_PREFIX}/records/:kind/:id`, async (request, reply) => {
    const { kind: rawKind, id } = request.params as { kind: string; id: string };
    const kind = kindParam.safeParse(rawKind);
    if (!kind.success) return bad(reply, 'bad kind');
    return world.remove(kind.data, Number(id)) ? reply.status(204).send() : reply.status(404).send({ error: 'no such record' });
  });

  /** Changes a share of a kind's records and hard-deletes another share, deterministically (benchmarks, soak tests). */
  app.post(`${CONTROL_PREFIX}/churn`, async (request, reply) => {
    const body = z
      .strictObject({ kind: kindParam, changeFraction: z.number().min(0).max(1).default(0), deleteFraction: z.number().min(0).max(1).default(0), seed: z.number().int().default(1) })
      .safeParse(request.body ?? {});
    if (!body.success) return bad(reply, body.error.message);
    const { kind, changeFraction, deleteFraction, seed } = body.data;
    const random = new Random(seed);
    const ids = [...world.tables[kind].keys()];
    let changed = 0;
    let deleted = 0;
    for (const id of ids) {
      const roll = random.next();
      if (roll < deleteFraction) deleted += Number(world.remove(kind, id));
      else if (roll < deleteFraction + changeFraction) {
        reviseName(ctx, kind, id);
        changed++;
      }
    }
    return { changed, deleted };
  });

  app.post(`${CONTROL_PREFIX}/clock`, async (request, reply) => {
    const body = z.strictObject({ now: z.iso.datetime().optional(), advanceMs: z.number().int().optional() }).safeParse(request.body ?? {});
    if (!body.success) return bad(reply, body.error.message);
    if (body.data.now) world.setClock(new Date(body.data.now));
    if (body.data.advanceMs) world.setClock(new Date(world.now().getTime() + body.data.advanceMs));
    return { now: world.now().toISOString() };
  });

  /** A type or status added or renamed in the PSA's settings, as an admin of the real PSA would. */
  app.post(`${CONTROL_PREFIX}/lookups/:list`, async (request, reply) => {
    const list = lookupListParam.safeParse((request.params as { list: string }).list);
    const body = z.strictObject({ name: z.string().min(1).max(200) }).safeParse(request.body ?? {});
    if (!list.success || !body.success) return bad(reply, body.error?.message ?? `list must be one of ${lookupListParam.options.join(', ')}`);
    const values = world.lookups[list.data];
    const lookup = { id: Math.max(0, ...values.map((v) => v.id)) + 1, name: body.data.name };
    values.push(lookup);
    world.version++;
    return reply.status(201).send(lookup);
  });
  app.patch(`${CONTROL_PREFIX}/lookups/:list/:id`, async (request, reply) => {
    const { list: rawList, id } = request.params as { list: string; id: string };
    const list = lookupListParam.safeParse(rawList);
    const body = z.strictObject({ name: z.string().min(1).max(200) }).safeParse(request.body ?? {});
    if (!list.success || !body.success) return bad(reply, body.error?.message ?? `list must be one of ${lookupListParam.options.join(', ')}`);
    const lookup = world.lookups[list.data].find((v) => v.id === Number(id));
    if (!lookup) return reply.status(404).send({ error: 'no such lookup' });
    lookup.name = body.data.name;
    world.version++;
    return lookup;
  });

  app.get(`${CONTROL_PREFIX}/faults`, async () => faults.list());
  app.post(`${CONTROL_PREFIX}/faults`, async (request, reply) => {
    const body = faultSpecSchema.safeParse(request.body ?? {});
    if (!body.success) return bad(reply, body.error.message);
    return reply.status(201).send(faults.add(body.data));
  });
  app.delete(`${CONTROL_PREFIX}/faults`, async (_request, reply) => {
    faults.clear();
    return reply.status(204).send();
  });
}

/** A visible change to a record: its name (a contact's last name) gets a revision suffix. */
function reviseName(ctx: SimContext, kind: SimKind, id: number) {
  const record = ctx.world.get(kind, id) as { name?: string; lastName?: string } | undefined;
  if (!record) return;
  const field = kind === 'contacts' ? 'lastName' : 'name';
  const base = (record[field] ?? '').replace(/ \(rev \d+\)$/, '');
  ctx.world.update(kind, id, { [field]: `${base} (rev ${ctx.world.version})` } as never);
}

function checkReferences(ctx: SimContext, changes: z.infer<typeof recordChanges>): string | undefined {
  if (changes.companyId !== undefined && !ctx.world.get('companies', changes.companyId)) return `no company ${changes.companyId}`;
  return undefined;
}
