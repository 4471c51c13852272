import type { Db } from '../db/database.js';
import { auditEvents } from '../db/schema/index.js';

/** Who did something, as the audit trail records it. */
export interface Actor {
  type: 'user' | 'api_key' | 'system' | 'sync';
  id: string | null;
  label: string;
}

/** The sync engine itself, for what a run does on its own. */
export const syncActor: Actor = { type: 'sync', id: null, label: 'sync' };

export interface AuditEvent {
  accountId: string;
  actor: Actor;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  counts?: object;
  details?: object;
  trashBatchId?: string | null;
}

/** The one way an audit event is written: every Manage Data action, settings change and sync run goes through here. */
export async function recordAudit(db: Db, event: AuditEvent) {
  await db.insert(auditEvents).values({
    accountId: event.accountId,
    actorType: event.actor.type,
    actorId: event.actor.id,
    actorLabel: event.actor.label,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    counts: event.counts ?? {},
    details: event.details ?? {},
    trashBatchId: event.trashBatchId ?? null,
  });
}
