import { z } from 'zod';
import { isoDateTime } from '../../http/schemas.js';
import { orphanReasons } from '../domain/link-states.js';
import { emptyRunCounts, type RunCounts } from '../domain/run-counts.js';
import type { SyncRunRow } from './run-store.js';

const kinds = ['organization', 'configuration', 'contact'] as const;
const count = z.number().int();

export const runCountsDto = z
  .object({
    created: count,
    updated: count,
    unchanged: count,
    linked: count,
    orphaned: count,
    healed: count,
    errors: count,
    skipped: count,
    ambiguous: count.describe('PSA records waiting in match review'),
    orphanedByReason: z.object(Object.fromEntries(orphanReasons.map((r) => [r, count])) as Record<(typeof orphanReasons)[number], typeof count>),
  })
  .describe('SyncRunCounts');

const kindProgress = z.object({
  phase: z.enum(['waiting', 'listing', 'reconciling', 'done', 'skipped']),
  listed: count,
  processed: count,
  estimatedTotal: count.nullable().describe("From the previous run's listing; null on the first run"),
});

export const runDto = z
  .object({
    id: z.uuid(),
    integrationId: z.uuid(),
    trigger: z.enum(['schedule', 'manual', 'cli', 'demo', 'retry']),
    full: z.boolean(),
    status: z.enum(['queued', 'running', 'succeeded', 'partial', 'failed', 'held', 'cancelled']),
    createdAt: isoDateTime,
    startedAt: isoDateTime.nullable(),
    finishedAt: isoDateTime.nullable(),
    durationMs: count.nullable(),
    triggeredBy: z.string().nullable().describe('Email of the person who started it; null for schedules and scripts'),
    counts: runCountsDto,
    progress: z.object({ organization: kindProgress, configuration: kindProgress, contact: kindProgress }),
    held: z
      .object({
        orphans: z.object({ organization: count, configuration: count, contact: count }),
        threshold: z.object({ maxShare: z.number(), minCount: count }),
      })
      .nullable()
      .describe('What a held run would orphan, for the admin to confirm or discard'),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
  })
  .describe('SyncRun');

export const runIssueDto = z.object({
  kind: z.enum(kinds),
  externalId: z.string(),
  name: z.string(),
  outcome: z.enum(['error', 'ambiguous', 'orphaned']),
  reason: z.enum(orphanReasons).nullable(),
  message: z.string(),
});

export const runDetailDto = runDto.extend({ issues: z.array(runIssueDto).describe('The first 200 issues of the run') }).describe('SyncRunDetail');

export type RunDto = z.infer<typeof runDto>;

const defaultProgress = { phase: 'waiting', listed: 0, processed: 0, estimatedTotal: null } as const;

export function toRunDto(row: SyncRunRow, triggeredBy: string | null = null): RunDto {
  const counts = { ...emptyRunCounts(), ...(row.counts as Partial<RunCounts>) };
  counts.orphanedByReason = { ...emptyRunCounts().orphanedByReason, ...counts.orphanedByReason };
  const progress = (row.progress ?? {}) as Record<string, RunDto['progress']['organization']>;
  const held = row.heldPlan as { orphans?: Record<string, unknown[]>; threshold?: { maxShare: number; minCount: number } } | null;
  return {
    id: row.id,
    integrationId: row.integrationId,
    trigger: row.trigger,
    full: row.full,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    durationMs: row.startedAt ? (row.finishedAt ?? new Date()).getTime() - row.startedAt.getTime() : null,
    triggeredBy,
    counts,
    progress: Object.fromEntries(kinds.map((k) => [k, { ...defaultProgress, ...progress[k] }])) as RunDto['progress'],
    held:
      row.status === 'held' && held?.orphans
        ? {
            orphans: Object.fromEntries(kinds.map((k) => [k, held.orphans?.[k]?.length ?? 0])) as Record<(typeof kinds)[number], number>,
            threshold: held.threshold ?? { maxShare: 0, minCount: 0 },
          }
        : null,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
  };
}
