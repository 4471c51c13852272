import { authorize, callerOf } from '../http/auth.js';
import type { App, AppContext } from '../http/context.js';
import { actorOf } from '../integrations/integration-store.js';
import { idParams, psaErrorResponses } from '../integrations/integration.schemas.js';
import { acceptExactMatches } from './accept-exact-matches.js';
import { decideMatch } from './decide-match.js';
import { listMatchReviews } from './list-match-reviews.js';
import { acceptExactResult, decideBody, matchDto, matchList, matchListQuery, matchParams } from './match.schemas.js';
import { prepareMatchReview } from './prepare-match-review.js';

const tags = ['Match review'];

/** Match review: which unlinked PSA records the next sync links, creates or leaves alone. Admins only. */
export function registerMatchRoutes(app: App, ctx: AppContext) {
  const admin = authorize(ctx, 'admin');

  app.get('/integrations/:id/matches', {
    schema: {
      tags,
      summary: 'Unlinked PSA records and what the next sync does with them; those needing a decision first',
      params: idParams,
      querystring: matchListQuery,
      response: { 200: matchList, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: (request) => listMatchReviews({ db: ctx.database.db, accountId: callerOf(request).accountId, integrationId: request.params.id, status: request.query.status }),
  });

  app.post('/integrations/:id/matches/prepare', {
    schema: {
      tags,
      summary: 'Read the PSA companies now and propose a match for each unlinked one (before the first sync); decisions are kept',
      params: idParams,
      querystring: matchListQuery,
      response: { 200: matchList, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: (request) => prepareMatchReview({ ctx, accountId: callerOf(request).accountId, integrationId: request.params.id, status: request.query.status }),
  });

  app.post('/integrations/:id/matches/accept-exact', {
    schema: {
      tags,
      summary: 'Accept every pending proposal to link by the same (or normalized) name',
      params: idParams,
      response: { 200: acceptExactResult, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: (request) => {
      const caller = callerOf(request);
      return acceptExactMatches({ ctx, accountId: caller.accountId, integrationId: request.params.id, actor: actorOf(caller), userId: caller.userId });
    },
  });

  app.patch('/integrations/:id/matches/:matchId', {
    schema: {
      tags,
      summary: 'Decide what the next sync does with one PSA record: link to a record, create, ignore, or back to pending',
      params: matchParams,
      body: decideBody,
      response: { 200: matchDto, ...psaErrorResponses },
    },
    preHandler: admin,
    handler: (request) => {
      const caller = callerOf(request);
      return decideMatch({
        ctx,
        accountId: caller.accountId,
        integrationId: request.params.id,
        matchId: request.params.matchId,
        actor: actorOf(caller),
        userId: caller.userId,
        decision: request.body,
      });
    },
  });
}
