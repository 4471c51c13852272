import { createConnector } from '../connectors/create-connector.js';
import type { PsaConnector, PsaProvider } from '../psa/canonical.js';
import type { PsaHttpOptions } from '../psa/http/psa-http-client.js';
import { isPsaError, type PsaErrorClass } from '../psa/psa-error.js';
import { AppError } from '../shared/errors.js';
import type { SecretBox } from '../shared/secret-box.js';
import { openCredentials, type IntegrationRow } from './integration-store.js';

/**
 * A person is waiting on these calls (Test connection, adding an integration, refreshing the type lists): a PSA
 * that is down must answer in seconds, not after the sync engine's minutes of patient backoff.
 */
export const interactiveHttp: PsaHttpOptions = { timeoutMs: 6_000, maxRetries: 1, baseDelayMs: 250, maxDelayMs: 1_000 };
/** The whole interactive call, retries included, ends by this deadline whatever the PSA does. */
export const INTERACTIVE_DEADLINE_MS = 15_000;

export function connectorFor(
  provider: PsaProvider,
  config: { baseUrl: string; credentials: Record<string, string>; http?: PsaHttpOptions },
): PsaConnector {
  try {
    return createConnector(provider, { baseUrl: config.baseUrl, credentials: config.credentials, http: config.http ?? interactiveHttp });
  } catch (error) {
    throw toAppError(error);
  }
}

export function connectorForIntegration(secretBox: SecretBox, row: IntegrationRow, http?: PsaHttpOptions): PsaConnector {
  return connectorFor(row.provider, { baseUrl: row.baseUrl, credentials: openCredentials(secretBox, row), http });
}

/** How a PSA call failed, in words a person can act on; credentials never appear (connectors scrub them). */
export function describePsaFailure(error: unknown, deadlineMs = INTERACTIVE_DEADLINE_MS): { errorClass: PsaErrorClass; message: string } {
  if (isPsaError(error)) return { errorClass: error.errorClass, message: error.message };
  if (isDeadline(error)) {
    return {
      errorClass: 'transient',
      message: `The PSA did not answer within ${Math.max(1, Math.round(deadlineMs / 1000))} seconds. Check that the URL is right and the PSA is up, then try again.`,
    };
  }
  return { errorClass: 'bad_response', message: 'The PSA answered in a way psalink does not understand. Check the URL points at the PSA API.' };
}

const isDeadline = (error: unknown) => error instanceof Error && error.name === 'TimeoutError';

/**
 * A PSA failure as an API error: a configuration problem (bad URL, missing key) is the caller's input (400);
 * anything the PSA itself refused or failed is a 502 whose details carry the error class.
 */
export function toAppError(error: unknown): unknown {
  if (!isPsaError(error) && !isDeadline(error)) return error; // a bug, not the PSA: keep it for the error log
  const { errorClass, message } = describePsaFailure(error);
  if (errorClass === 'config') return new AppError('validation_failed', message, { errorClass });
  return new AppError('psa_error', message, { errorClass });
}

/** Runs an interactive PSA call under the deadline, turning every failure into an AppError. */
export async function withPsa<T>(work: (signal: AbortSignal) => Promise<T>, deadlineMs = INTERACTIVE_DEADLINE_MS): Promise<T> {
  try {
    return await work(AbortSignal.timeout(deadlineMs));
  } catch (error) {
    throw toAppError(error);
  }
}
