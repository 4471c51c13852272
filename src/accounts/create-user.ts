import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { accounts, users } from '../db/schema/index.js';
import { AppError } from '../shared/errors.js';
import { hashPassword } from './password-hash.js';
import type { Role } from './roles.js';

export interface CreateUserOptions {
  db: Db;
  /** The account is created when no account has this name yet. */
  accountName: string;
  email: string;
  password: string;
  role: Role;
  name?: string;
}

export const MIN_PASSWORD_LENGTH = 10;

export async function createUser(options: CreateUserOptions) {
  const { db, accountName, email, password, role } = options;
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('validation_failed', `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx.insert(accounts).values({ name: accountName }).onConflictDoNothing();
    const [account] = await tx
      .select({ id: accounts.id, name: accounts.name })
      .from(accounts)
      .where(eq(sql`lower(${accounts.name})`, accountName.toLowerCase()));
    if (!account) throw new Error('account upsert returned nothing');
    const [user] = await tx
      .insert(users)
      .values({ accountId: account.id, email: email.trim().toLowerCase(), passwordHash, role, name: options.name ?? '' })
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email, role: users.role });
    if (!user) throw new AppError('already_exists', `A user with the email ${email} already exists.`);
    return { account, user };
  });
}

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(sql`lower(${users.email})`, email.trim().toLowerCase())));
  return user;
}
