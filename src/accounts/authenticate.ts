import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { apiKeys, sessions, users } from '../db/schema/index.js';
import { AppError } from '../shared/errors.js';
import type { Caller } from './caller.js';
import { API_KEY_PREFIX, hashToken } from './tokens.js';

/** Resolves a session cookie token to its caller; expired sessions are removed and refused. */
export async function authenticateSession(db: Db, token: string, now = new Date()): Promise<Caller> {
  const [row] = await db
    .select({ session: sessions, user: { email: users.email, role: users.role } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, hashToken(token)));
  if (!row) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (row.session.expiresAt <= now) {
    await db.delete(sessions).where(eq(sessions.id, row.session.id));
    throw new AppError('session_expired', 'Your session has expired. Sign in again.');
  }
  return {
    accountId: row.session.accountId,
    userId: row.session.userId,
    email: row.user.email,
    role: row.user.role,
    via: 'session',
    sessionId: row.session.id,
  };
}

/** Resolves `Authorization: Bearer psl_…` to the user who owns the key, with that user's role. */
export async function authenticateApiKey(db: Db, key: string, now = new Date()): Promise<Caller> {
  if (!key.startsWith(API_KEY_PREFIX)) throw new AppError('unauthenticated', 'The API key is not valid.');
  const [row] = await db
    .select({ key: apiKeys, user: { email: users.email, role: users.role } })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, hashToken(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw new AppError('unauthenticated', 'The API key is not valid or has been revoked.');
  // Written at most once a minute per key so that a busy script does not turn every read into a write.
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.key.id));
  }
  return {
    accountId: row.key.accountId,
    userId: row.key.userId,
    email: row.user.email,
    role: row.user.role,
    via: 'api_key',
    apiKeyId: row.key.id,
  };
}
