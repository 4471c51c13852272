import type { Db } from '../db/database.js';
import { auditEvents } from '../db/schema/index.js';
import type { Actor } from '../integrations/integration-store.js';

export interface TrashAuditEvent {
  accountId: string;
  actor: Actor;
  action: string;
  batchId?: string;
  targetType?: string;
  targetId?: string | null;
  counts?: object;
  details?: object;
}

/** One audit row for a trash action, tied to its batch. */
export async function auditTrash(db: Db, event: TrashAuditEvent) {
  await db.insert(auditEvents).values({
    accountId: event.accountId,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    action: event.action,
    targetType: event.targetType ?? (event.batchId ? 'trash_batch' : null),
    targetId: event.targetId ?? event.batchId ?? null,
    counts: event.counts ?? {},
    details: event.details ?? {},
    trashBatchId: event.batchId ?? null,
  });
}
