import type { AppContext } from '../http/context.js';
import type { PsaConnector, PsaProvider } from '../psa/canonical.js';
import type { PsaHttpOptions } from '../psa/http/psa-http-client.js';
import type { PsaErrorClass } from '../psa/psa-error.js';
import { AppError } from '../shared/errors.js';
import { connectorFor, connectorForIntegration, describePsaFailure, INTERACTIVE_DEADLINE_MS } from './integration-connector.js';
import { findIntegration } from './integration-store.js';

export type ConnectionTestResult = { ok: true; message: string } | { ok: false; errorClass: PsaErrorClass; message: string };

export interface TestConnectionOptions {
  provider: PsaProvider;
  baseUrl: string;
  credentials: Record<string, string>;
  http?: PsaHttpOptions;
  deadlineMs?: number;
}

/**
 * Tries a provider, URL and credentials before they are saved. A failure is an answer, not an error: the result
 * carries the connector's message (what to fix), never a credential.
 */
export async function testConnection(options: TestConnectionOptions): Promise<ConnectionTestResult> {
  let connector: PsaConnector;
  try {
    connector = connectorFor(options.provider, options);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, errorClass: 'config', message: error.message };
    throw error;
  }
  return probe(connector, options.deadlineMs);
}

export interface TestIntegrationConnectionOptions {
  ctx: Pick<AppContext, 'database' | 'secretBox'>;
  accountId: string;
  integrationId: string;
  http?: PsaHttpOptions;
  deadlineMs?: number;
}

/** Tries the saved integration's URL and credentials. */
export async function testIntegrationConnection(options: TestIntegrationConnectionOptions): Promise<ConnectionTestResult> {
  const integration = await findIntegration(options.ctx.database.db, options.accountId, options.integrationId);
  let connector: PsaConnector;
  try {
    connector = connectorForIntegration(options.ctx.secretBox, integration, options.http);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, errorClass: 'config', message: error.message };
    throw error;
  }
  return probe(connector, options.deadlineMs);
}

async function probe(connector: PsaConnector, deadlineMs = INTERACTIVE_DEADLINE_MS): Promise<ConnectionTestResult> {
  try {
    const { message } = await connector.testConnection(AbortSignal.timeout(deadlineMs));
    return { ok: true, message };
  } catch (error) {
    return { ok: false, ...describePsaFailure(error, deadlineMs) };
  }
}
