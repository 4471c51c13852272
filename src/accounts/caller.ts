import type { Role } from './roles.js';

/** Who is making a request, resolved from a session cookie or an API key. Every use case is scoped by accountId. */
export interface Caller {
  accountId: string;
  userId: string;
  email: string;
  role: Role;
  via: 'session' | 'api_key';
  sessionId?: string;
  apiKeyId?: string;
}
