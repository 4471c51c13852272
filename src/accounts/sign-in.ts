import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { sessions, users } from '../db/schema/index.js';
import { AppError } from '../shared/errors.js';
import { findUserByEmail } from './create-user.js';
import { decoyHash, verifyPassword } from './password-hash.js';
import { hashToken, newToken } from './tokens.js';

export interface SignInOptions {
  db: Db;
  email: string;
  password: string;
  sessionTtlMs: number;
  userAgent?: string;
  now?: Date;
}

/** After this many failures in a row the user is locked out, for longer each time (see lockoutMs). */
export const FREE_ATTEMPTS = 5;

export function lockoutMs(failedSignIns: number): number {
  if (failedSignIns < FREE_ATTEMPTS) return 0;
  return Math.min(30_000 * 2 ** (failedSignIns - FREE_ATTEMPTS), 15 * 60_000);
}

export async function signIn(options: SignInOptions) {
  const { db, email, password } = options;
  const now = options.now ?? new Date();
  const user = await findUserByEmail(db, email);
  if (!user) {
    await verifyPassword(password, await decoyHash);
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    const seconds = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('account_locked', `Too many failed sign-ins. Try again in ${seconds} seconds.`, {
      retryAfterSeconds: seconds,
    });
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    // Counted in SQL so that parallel guesses cannot slip past the lockout.
    const [updated] = await db
      .update(users)
      .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
      .where(eq(users.id, user.id))
      .returning({ failedSignIns: users.failedSignIns });
    const wait = lockoutMs(updated?.failedSignIns ?? 0);
    if (wait > 0) await db.update(users).set({ lockedUntil: new Date(now.getTime() + wait) }).where(eq(users.id, user.id));
    throw invalidCredentials();
  }
  const token = newToken();
  const [session] = await db
    .insert(sessions)
    .values({
      accountId: user.accountId,
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + options.sessionTtlMs),
      userAgent: options.userAgent?.slice(0, 300),
    })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt });
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null, lastSignInAt: now }).where(eq(users.id, user.id));
  return { token, session: session!, user };
}

const invalidCredentials = () => new AppError('invalid_credentials', 'The email or password is not correct.');
