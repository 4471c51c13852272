import { randomBytes } from 'node:crypto';
import { startJobQueue } from '../../src/jobs/job-queue.js';
import { startManageJobs } from '../../src/manage/jobs/manage-job-worker.js';
import { startSyncJobs } from '../../src/sync/jobs/sync-jobs.js';
import { testHttp } from './sync.js';
import { createApiKey } from '../../src/accounts/api-keys.js';
import { createUser } from '../../src/accounts/create-user.js';
import type { Role } from '../../src/accounts/roles.js';
import { loadConfig } from '../../src/config/config.js';
import { buildApp } from '../../src/http/app.js';
import type { App, AppContext } from '../../src/http/context.js';
import { SecretBox } from '../../src/shared/secret-box.js';
import { freshDatabase, type Engine, type TestDatabase } from './databases.js';

/** Keys whose values are secrets in what the tests send and receive; `credentials` objects are secret but for these. */
const secretKeys = new Set(['password', 'secret', 'key', 'csrfToken']);
const publicCredentialKeys = new Set(['companyId', 'tenant', 'username', 'requestBudget']);
/** Secrets seen per app (by its URL), for the log scan at close. Short values would match by chance. */
const secretsByApp = new Map<string, Set<string>>();

function collectSecrets(value: unknown, into: Set<string>, key = ''): void {
  if (typeof value === 'string') {
    if (secretKeys.has(key) && value.length >= 6) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, into);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (key === 'credentials' && typeof v === 'string' && !publicCredentialKeys.has(k) && v.length >= 6) into.add(v);
      else collectSecrets(v, into, k);
    }
  }
}

/** Throws when any log line holds a secret the tests sent or received: no secret may ever reach a log. */
export function assertNoSecretsLogged(logs: string[], secrets: Iterable<string>) {
  const text = logs.join('\n');
  for (const secret of secrets) {
    if (text.includes(secret)) throw new Error(`a secret reached the logs: ${secret.slice(0, 3)}… in ${logs.find((l) => l.includes(secret))?.slice(0, 300)}`);
  }
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Talks to the app over real HTTP, with a session cookie (+ CSRF token) or an API key. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly auth: { cookie?: string; csrfToken?: string; bearer?: string } = {},
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    if (this.auth.cookie) headers.cookie = this.auth.cookie;
    if (this.auth.csrfToken && method !== 'GET') headers['x-csrf-token'] ??= this.auth.csrfToken;
    if (this.auth.bearer) headers.authorization = `Bearer ${this.auth.bearer}`;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    const secrets = secretsByApp.get(this.baseUrl);
    if (secrets) {
      collectSecrets(typeof body === 'string' ? safeParse(body) : body, secrets);
      collectSecrets(parsed, secrets);
      for (const cookie of response.headers.getSetCookie()) collectSecrets({ key: cookie.split(';')[0]!.split('=')[1] ?? '' }, secrets);
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface TestUser {
  email: string;
  password: string;
  role: Role;
  accountId: string;
  userId: string;
  /** Signed in through the real sign-in route. */
  session: ApiClient;
  apiKey: ApiClient;
}

export interface TestApp {
  url: string;
  ctx: AppContext;
  app: App;
  database: TestDatabase;
  anonymous: ApiClient;
  /** Log lines the app wrote, to check that no secret ever appears in them. */
  logs: string[];
  /** Every secret the tests sent or received (passwords, keys, session and CSRF tokens, PSA credentials); close() scans the logs for them. */
  secrets: Set<string>;
  createUser(account: string, role: Role): Promise<TestUser>;
  close(): Promise<void>;
}

/** Tests sign in many users from one address; the rate-limit test sets its own low limit. */
export async function startTestApp(engine: Engine, env: Record<string, string> = {}, options: { jobs?: boolean } = {}): Promise<TestApp> {
  const database = await freshDatabase(engine);
  const config = loadConfig({ PSALINK_DATA_DIR: 'unused', PSALINK_SIGN_IN_RATE_LIMIT: '10000', LOG_LEVEL: 'info', ...env });
  const ctx: AppContext = { config, database, secretBox: new SecretBox(randomBytes(32)) };
  // Sync now needs a worker: the real job queue, polling fast, with the engine's patience cut for tests.
  const queue = options.jobs ? await startJobQueue({ database, pollingIntervalSeconds: 0.5, stopTimeoutSeconds: 2 }) : undefined;
  const quiet = { info: () => {}, warn: () => {}, error: () => {} } as never;
  if (queue) ctx.sync = await startSyncJobs({ ctx, queue, log: quiet, http: testHttp, schedule: false });
  if (queue) ctx.manageJobs = await startManageJobs({ ctx, queue, log: quiet, schedule: false });
  const logs: string[] = [];
  const app = await buildApp(ctx, {
    logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const secrets = new Set<string>();
  secretsByApp.set(url, secrets);
  const anonymous = new ApiClient(url);
  let counter = 0;
  return {
    url,
    ctx,
    app,
    database,
    anonymous,
    logs,
    secrets,
    async createUser(account, role) {
      const email = `${role}${++counter}@${account.toLowerCase().replace(/\W/g, '')}.test`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const { account: acc, user } = await createUser({ db: database.db, accountName: account, email, password, role });
      const signIn = await anonymous.post('/api/v1/auth/sign-in', { email, password });
      if (signIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signIn.body)}`);
      const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const key = await createApiKey({ db: database.db, accountId: acc.id, userId: user.id, name: 'test' });
      secrets.add(password).add(key.key);
      return {
        email,
        password,
        role,
        accountId: acc.id,
        userId: user.id,
        session: new ApiClient(url, { cookie, csrfToken: signIn.body.csrfToken }),
        apiKey: new ApiClient(url, { bearer: key.key }),
      };
    },
    async close() {
      await app.close();
      await queue?.stop();
      await database.destroy();
      secretsByApp.delete(url);
      assertNoSecretsLogged(logs, secrets);
    },
  };
}
