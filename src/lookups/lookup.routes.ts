import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { errorResponses, name } from '../http/schemas.js';
import { AppError } from '../shared/errors.js';
import { lookupListNames, lookupLists } from './lookup-lists.js';

const value = z.object({ id: z.uuid(), name: z.string() }).describe('LookupValue');
const allLists = z.object(Object.fromEntries(lookupListNames.map((n) => [n, z.array(value)])) as Record<(typeof lookupListNames)[number], z.ZodArray<typeof value>>);

export function registerLookupRoutes(app: App, ctx: AppContext) {
  app.get('/lookups', {
    schema: { tags: ['Lookups'], summary: 'All type and status lists of the account', response: { 200: allLists, ...errorResponses } },
    preHandler: authorize(ctx, 'readonly'),
    handler: async (request) => {
      const { accountId } = callerOf(request);
      const entries = await Promise.all(
        lookupListNames.map(async (list) => {
          const table = lookupLists[list];
          const rows = await ctx.database.db
            .select({ id: table.id, name: table.name })
            .from(table)
            .where(eq(table.accountId, accountId))
            .orderBy(asc(table.name));
          return [list, rows] as const;
        }),
      );
      return Object.fromEntries(entries) as z.infer<typeof allLists>;
    },
  });

  app.post('/lookups/:list', {
    schema: {
      tags: ['Lookups'],
      summary: 'Add a value to a type or status list',
      params: z.strictObject({ list: z.enum(lookupListNames) }),
      body: z.strictObject({ name: name(200) }),
      response: { 201: value, ...errorResponses },
    },
    preHandler: authorize(ctx, 'admin'),
    handler: async (request, reply) => {
      const table = lookupLists[request.params.list];
      const [row] = await ctx.database.db
        .insert(table)
        .values({ accountId: callerOf(request).accountId, name: request.body.name })
        .onConflictDoNothing()
        .returning({ id: table.id, name: table.name });
      if (!row) throw new AppError('already_exists', `"${request.body.name}" is already in this list.`);
      return reply.status(201).send(row);
    },
  });
}

/** Used by the demo seed and the CLI: returns the id of the named value, adding it when missing. */
export async function ensureLookupValue(ctx: Pick<AppContext, 'database'>, accountId: string, list: keyof typeof lookupLists, valueName: string) {
  const table = lookupLists[list];
  await ctx.database.db.insert(table).values({ accountId, name: valueName }).onConflictDoNothing();
  const [row] = await ctx.database.db
    .select({ id: table.id })
    .from(table)
    .where(sql`${table.accountId} = ${accountId} and lower(${table.name}) = lower(${valueName})`);
  return row!.id;
}
