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
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body);
  delete = <T = any>(path: string) => this.request<T>('DELETE', path);
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
  const anonymous = new ApiClient(url);
  let counter = 0;
  return {
    url,
    ctx,
    app,
    database,
    anonymous,
    logs,
    async createUser(account, role) {
      const email = `${role}${++counter}@${account.toLowerCase().replace(/\W/g, '')}.test`;
      const password = `pw-${randomBytes(8).toString('hex')}`;
      const { account: acc, user } = await createUser({ db: database.db, accountName: account, email, password, role });
      const signIn = await anonymous.post('/api/v1/auth/sign-in', { email, password });
      if (signIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signIn.body)}`);
      const cookie = signIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const key = await createApiKey({ db: database.db, accountId: acc.id, userId: user.id, name: 'test' });
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
    },
  };
}
