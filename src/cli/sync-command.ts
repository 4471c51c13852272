import { MultiBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { AppContext } from '../http/context.js';
import { cliActor } from '../integrations/integration-store.js';
import { orphanReasonText } from '../sync/domain/link-states.js';
import type { RunProgress } from '../sync/domain/run-counts.js';
import { executeSyncRun, kindOrder } from '../sync/engine/run-sync.js';
import { getRun } from '../sync/runs/list-runs.js';
import { toRunDto, type RunDto } from '../sync/runs/run-dto.js';
import { finalStatuses } from '../sync/runs/run-store.js';
import { requestSync } from '../sync/runs/request-sync.js';
import { findAccount, findAccountIntegration, withContext } from './cli-context.js';

interface SyncOptions {
  account: string;
  full?: boolean;
  json?: boolean;
}

/** `psalink sync`: one run of the account's integration, executed in this process, with a progress bar. */
export function registerSyncCommand(program: Command) {
  program
    .command('sync')
    .description("Sync the account's PSA integration now (incremental unless --full); exits 1 if the run failed or was cancelled")
    .requiredOption('--account <name>', 'account name')
    .option('--full', 'refetch every record instead of only what changed')
    .option('--json', 'print one JSON object with status and counts instead of progress and a summary')
    .action(async (options: SyncOptions) => {
      await withContext(async (ctx) => {
        const account = await findAccount(ctx, options.account);
        const integration = await findAccountIntegration(ctx, account);
        const stop = new AbortController();
        const interrupt = () => stop.abort();
        process.once('SIGINT', interrupt);
        process.once('SIGTERM', interrupt);
        const bars = options.json ? undefined : progressBars();
        try {
          const { run } = await requestSync({ ctx, accountId: account.id, integrationId: integration.id, trigger: 'cli', full: options.full ?? false, actor: cliActor });
          const result = await executeSyncRun({ ctx, runId: run.id, signal: stop.signal, onProgress: bars?.update });
          // Someone else's run was waiting or is running (the server's worker): follow it to its end instead.
          const finished = result.executed ? toRunDto(result.run) : await followRun(ctx, account.id, integration.id, run.id, bars?.update, stop.signal);
          bars?.stop();
          if (options.json) console.log(JSON.stringify(summaryJson(finished)));
          else printSummary(finished);
          if (finished.status === 'failed' || finished.status === 'cancelled') process.exitCode = 1;
        } finally {
          bars?.stop();
          process.off('SIGINT', interrupt);
          process.off('SIGTERM', interrupt);
        }
      });
    });
}

async function followRun(ctx: AppContext, accountId: string, integrationId: string, runId: string, onProgress: ((p: RunProgress) => void) | undefined, signal: AbortSignal): Promise<RunDto> {
  for (;;) {
    const row = await getRun(ctx.database.db, accountId, integrationId, runId);
    const run = toRunDto(row.run, row.email);
    onProgress?.(run.progress);
    if (finalStatuses.includes(run.status) || signal.aborted) return run;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One bar per kind on stderr (only on a terminal), so stdout stays the summary a script reads. */
function progressBars() {
  if (!process.stderr.isTTY) return undefined;
  const multi = new MultiBar({ format: ' {kind} |{bar}| {value}/{total} {phase}', hideCursor: true, clearOnComplete: false, stream: process.stderr }, Presets.shades_classic);
  const bars = new Map(kindOrder.map((kind) => [kind, multi.create(1, 0, { kind: `${kind}s`.padEnd(14), phase: 'waiting' })]));
  let stopped = false;
  return {
    update: (progress: RunProgress) => {
      for (const [kind, bar] of bars) {
        const p = progress[kind];
        bar.setTotal(Math.max(p.estimatedTotal ?? 0, p.processed, 1));
        bar.update(p.processed, { kind: `${kind}s`.padEnd(14), phase: p.phase });
      }
    },
    stop: () => {
      if (!stopped) multi.stop();
      stopped = true;
    },
  };
}

const summaryJson = (run: RunDto) => ({
  status: run.status,
  runId: run.id,
  full: run.full,
  durationMs: run.durationMs,
  counts: run.counts,
  held: run.held,
  errorCode: run.errorCode,
  errorMessage: run.errorMessage,
});

function printSummary(run: RunDto) {
  const c = run.counts;
  const seconds = run.durationMs === null ? '' : ` in ${(run.durationMs / 1000).toFixed(1)} s`;
  console.log(`Sync ${run.status}${seconds}${run.full ? ' (full)' : ''}.`);
  console.log(`  created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}, linked ${c.linked}, healed ${c.healed}, orphaned ${c.orphaned}, errors ${c.errors}, skipped ${c.skipped}, waiting in match review ${c.ambiguous}`);
  for (const [reason, n] of Object.entries(c.orphanedByReason)) if (n > 0) console.log(`  orphaned: ${n} × ${orphanReasonText[reason as keyof typeof orphanReasonText].toLowerCase()}`);
  if (run.held) {
    const held = Object.entries(run.held.orphans).filter(([, n]) => n > 0).map(([kind, n]) => `${n} ${kind}s`).join(', ');
    console.log(`  The safety brake held this run: it would orphan ${held}. Confirm or discard it on the Integrations page (Run history).`);
  }
  if (run.errorMessage) console.log(`  ${run.errorMessage}`);
}
