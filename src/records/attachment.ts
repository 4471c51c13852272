import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { configurations, contacts } from '../db/schema/index.js';
import { AppError } from '../shared/errors.js';

/** Passwords and documents belong to an organization and may also hang off one of its configurations or contacts. */
export const attachmentFields = {
  attachedToKind: z.enum(['configuration', 'contact']).nullable().optional(),
  attachedToId: z.uuid().nullable().optional(),
};

export const attachmentItemFields = {
  attachedToKind: z.enum(['configuration', 'contact']).nullable(),
  attachedToId: z.uuid().nullable(),
};

type Values = { organizationId?: string; attachedToKind?: string | null; attachedToId?: string | null };

export async function validateAttachment(db: Db, accountId: string, values: Values, existing: Values | undefined) {
  const merged = { ...existing, ...values };
  const { attachedToKind: kind, attachedToId: id, organizationId } = merged;
  if (!kind && !id) return;
  if (!kind || !id) {
    throw new AppError('validation_failed', 'Give both attachedToKind and attachedToId, or neither.');
  }
  const table = kind === 'configuration' ? configurations : contacts;
  const [row] = await db
    .select({ organizationId: table.organizationId })
    .from(table)
    .where(and(eq(table.id, id), eq(table.accountId, accountId)));
  if (!row) throw new AppError('validation_failed', `The ${kind} ${id} does not exist.`);
  if (row.organizationId !== organizationId) {
    throw new AppError('validation_failed', `The ${kind} belongs to another organization.`);
  }
}
