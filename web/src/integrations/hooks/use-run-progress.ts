import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { SyncRun } from '../../api/integrations';
import { isLive } from '../labels';
import { invalidateSyncedData } from './use-integration';
import { integrationKeys } from './keys';

const POLL_MS = 2_000;

/**
 * Follows one run live: server-sent events (`run` every ~500 ms, then `end`), falling back to polling the run every
 * 2 s when the stream fails (a proxy that buffers, a dropped connection). When the run ends, everything that shows
 * synced data is refreshed. Returns the freshest known state of the run.
 */
export function useRunProgress(run: SyncRun): SyncRun {
  const client = useQueryClient();
  const [latest, setLatest] = useState(run);
  const { id: runId, integrationId } = run;
  const startedLive = isLive(run.status);

  // A newer state handed in from outside (a Cancel answer, a refetch) wins over ours.
  useEffect(() => setLatest((current) => (current.id !== run.id || rank(run) >= rank(current) ? run : current)), [run]);

  useEffect(() => {
    if (!startedLive) return;
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const publish = (next: SyncRun) => {
      if (stopped) return;
      setLatest(next);
      client.setQueryData(integrationKeys.latestRun(integrationId), (cached: SyncRun | null | undefined) => (!cached || cached.id === next.id ? next : cached));
    };
    const finish = () => {
      if (stopped) return;
      stopped = true;
      source?.close();
      void invalidateSyncedData(client);
    };
    const poll = async () => {
      if (stopped) return;
      try {
        const next = await api.get<SyncRun>(`/integrations/${integrationId}/runs/${runId}`);
        publish(next);
        if (!isLive(next.status)) return finish();
      } catch {
        // One failed poll is not the end of the run; the next one may get through.
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    const listen = () => {
      let last: SyncRun | null = null;
      source = new EventSource(`/api/v1/integrations/${integrationId}/runs/${runId}/events`);
      source.addEventListener('run', (event) => {
        last = JSON.parse((event as MessageEvent<string>).data) as SyncRun;
        publish(last);
      });
      source.addEventListener('end', () => {
        source?.close();
        // The server ends long streams while the run still goes on: listen again rather than stop watching.
        if (last && isLive(last.status)) listen();
        else finish();
      });
      source.onerror = () => {
        // EventSource would retry on its own forever; polling is simpler to reason about.
        source?.close();
        if (!stopped) void poll();
      };
    };

    if (typeof EventSource === 'function') listen();
    else void poll();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [client, integrationId, runId, startedLive]);

  return latest;
}

/** Later states outrank earlier ones, so an old snapshot never overwrites a newer one. */
function rank(run: SyncRun) {
  return run.status === 'queued' ? 0 : run.status === 'running' ? 1 : 2;
}
