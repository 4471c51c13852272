import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { getRun } from './list-runs.js';
import { toRunDto } from './run-dto.js';
import { finalStatuses } from './run-store.js';

const POLL_MS = 500;
/** A stream is not a way to hold a connection forever: the page reconnects if the run is still going. */
const MAX_STREAM_MS = 10 * 60_000;

/**
 * Server-sent events for one run: its state every half second while it is queued or running, the final state, then
 * `end`. Progress is read from the run row, so any process's run can be followed from any process.
 */
export async function streamRunEvents(request: FastifyRequest, reply: FastifyReply, o: { db: Db; accountId: string; integrationId: string; runId: string }) {
  // Resolve first, so that an unknown run answers a normal 404 rather than an empty stream.
  let row = await getRun(o.db, o.accountId, o.integrationId, o.runId);
  reply.hijack();
  reply.raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  request.raw.once('close', () => (closed = true));
  const send = (event: string, data: unknown) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const started = Date.now();
  try {
    for (;;) {
      send('run', toRunDto(row.run, row.email));
      if (finalStatuses.includes(row.run.status) || closed || Date.now() - started > MAX_STREAM_MS) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (closed) break;
      row = await getRun(o.db, o.accountId, o.integrationId, o.runId);
    }
    if (!closed) send('end', { status: row.run.status });
  } catch {
    // The database went away mid-stream: end the stream; the page falls back to polling.
  } finally {
    reply.raw.end();
  }
}
