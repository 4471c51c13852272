import path from 'node:path';
import { z } from 'zod';

/** Everything psalink reads from the environment, validated once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  PSALINK_DATA_DIR: z.string().min(1).default('data'),
  PSALINK_SECRET_KEY: z.string().optional(),
  PSALINK_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  PSALINK_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  PSALINK_PUBLIC_URL: z.string().url().optional(),
  PSALINK_SIGN_IN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  PSALINK_DEMO_PSA: z.enum(['on', 'off']).default('on'),
  PSALINK_LARGE_ACTION_RECORDS: z.coerce.number().int().min(0).default(5000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Base64 of 32 bytes; when absent a key file in dataDir is used (see src/shared/secret-key.ts). */
  secretKey: string | undefined;
  sessionTtlMs: number;
  /** Secure cookies need HTTPS; on by default only when the public URL is https. */
  cookieSecure: boolean;
  /** Sign-in attempts per client address per minute, on top of the per-user lockout. */
  signInRateLimit: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** `serve` runs the demo's simulated ConnectWise PSA (first start: connects and syncs the demo account). */
  demoPsa: boolean;
  /** A Delete All, scope disconnect or restore touching more records than this runs as a job with progress. */
  largeActionRecords: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.PSALINK_DATA_DIR),
    secretKey: e.PSALINK_SECRET_KEY,
    sessionTtlMs: e.PSALINK_SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.PSALINK_COOKIE_SECURE
      ? e.PSALINK_COOKIE_SECURE === 'true'
      : (e.PSALINK_PUBLIC_URL?.startsWith('https://') ?? false),
    signInRateLimit: e.PSALINK_SIGN_IN_RATE_LIMIT,
    logLevel: e.LOG_LEVEL,
    demoPsa: e.PSALINK_DEMO_PSA === 'on',
    largeActionRecords: e.PSALINK_LARGE_ACTION_RECORDS,
  };
}
