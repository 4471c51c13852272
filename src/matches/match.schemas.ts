import { z } from 'zod';
import { isoDateTime } from '../http/schemas.js';

/** The contract of the match review routes (and so of the OpenAPI document). */
export const matchKindSchema = z.enum(['organization', 'configuration', 'contact']);
export const matchParams = z.strictObject({ id: z.uuid(), matchId: z.uuid() });

export const matchListQuery = z.strictObject({
  status: z
    .enum(['open', 'all'])
    .default('open')
    .describe('open: every PSA record still waiting for a decision (the default); all: decided and ignored ones too'),
});

const suggestion = z
  .object({
    recordId: z.uuid(),
    name: z.string(),
    score: z.number().min(0).max(1).describe('Name similarity, 1 = the same name under the matching rules'),
  })
  .describe('MatchSuggestion');

export const matchDto = z
  .object({
    id: z.uuid(),
    kind: matchKindSchema,
    externalId: z.string().describe('The record id in the PSA'),
    psaName: z.string(),
    psaDetail: z.string().nullable().describe('A line of context from the PSA (address, company, serial number or email)'),
    proposal: z
      .enum(['link', 'create', 'decide'])
      .describe('psalink\'s proposal: link to the one local record with that name, create a new record, or decide (several or only near names: a person must look; the sync never guesses)'),
    matchType: z.enum(['exact', 'normalized']).nullable().describe('How a `link` proposal matched: the same name, or the same name once case, punctuation and legal forms are ignored'),
    proposedRecordId: z.uuid().nullable(),
    proposedRecordName: z.string().nullable(),
    suggestions: z.array(suggestion).describe('Candidates for a `decide` proposal, best first'),
    decision: z
      .enum(['pending', 'link', 'create', 'ignore'])
      .describe('The admin\'s decision, applied by the next sync run: link to decidedRecordId, create a new record, or ignore (not synced)'),
    decidedRecordId: z.uuid().nullable(),
    decidedRecordName: z.string().nullable(),
    updatedAt: isoDateTime,
  })
  .describe('Match');

export const matchSummary = z
  .object({
    exact: z.number().int().describe('Pending proposals to link by the same name'),
    normalized: z.number().int().describe('Pending proposals to link by the normalized name'),
    decide: z.number().int().describe('Pending records a person must decide (ambiguous or near names)'),
    create: z.number().int().describe('Pending records with no local match: the sync creates them'),
    decided: z.number().int().describe('Records decided as link or create'),
    ignored: z.number().int().describe('Records decided as ignore: not synced'),
  })
  .describe('MatchSummary');

export const matchList = z.object({ items: z.array(matchDto), summary: matchSummary }).describe('MatchList');

export const decideBody = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('link'), recordId: z.uuid().describe('The local record to link the PSA record to') }),
    z.strictObject({ decision: z.literal('create') }),
    z.strictObject({ decision: z.literal('ignore') }),
    z.strictObject({ decision: z.literal('pending') }),
  ])
  .describe('MatchDecision');

export const acceptExactResult = z.object({ accepted: z.number().int().describe('Proposals that became decision `link`') }).describe('AcceptedMatches');

export type MatchDto = z.infer<typeof matchDto>;
export type MatchList = z.infer<typeof matchList>;
export type MatchDecision = z.infer<typeof decideBody>;
