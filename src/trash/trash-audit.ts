import { recordAudit, type AuditEvent } from '../audit/record-audit.js';
import type { Db } from '../db/database.js';

export type TrashAuditEvent = Omit<AuditEvent, 'trashBatchId'> & { batchId?: string };

/** One audit row for a trash action, tied to its batch (which is also its target unless one is named). */
export async function auditTrash(db: Db, event: TrashAuditEvent) {
  const { batchId, ...rest } = event;
  await recordAudit(db, {
    ...rest,
    targetType: event.targetType ?? (batchId ? 'trash_batch' : null),
    targetId: event.targetId ?? batchId ?? null,
    trashBatchId: batchId ?? null,
  });
}
