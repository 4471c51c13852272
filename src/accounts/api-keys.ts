import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { apiKeys } from '../db/schema/index.js';
import { notFound } from '../shared/errors.js';
import { API_KEY_PREFIX, hashToken, newToken } from './tokens.js';

const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
};

/** Returns the key itself exactly once; only its hash is kept. */
export async function createApiKey(options: { db: Db; accountId: string; userId: string; name: string }) {
  const key = newToken(API_KEY_PREFIX);
  const [row] = await options.db
    .insert(apiKeys)
    .values({
      accountId: options.accountId,
      userId: options.userId,
      name: options.name,
      prefix: key.slice(0, API_KEY_PREFIX.length + 6),
      keyHash: hashToken(key),
    })
    .returning(publicColumns);
  return { ...row!, key };
}

export function listApiKeys(options: { db: Db; accountId: string; userId: string }) {
  return options.db
    .select(publicColumns)
    .from(apiKeys)
    .where(and(eq(apiKeys.accountId, options.accountId), eq(apiKeys.userId, options.userId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(options: { db: Db; accountId: string; userId: string; id: string }) {
  const [row] = await options.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiKeys.id, options.id),
        eq(apiKeys.accountId, options.accountId),
        eq(apiKeys.userId, options.userId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id });
  if (!row) throw notFound('The API key');
}
