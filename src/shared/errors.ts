/**
 * Every error a person or script may see carries a code from this table. The HTTP layer maps the code to a status;
 * the message says what to do about it. Anything that is not an AppError is reported as `internal_error` without
 * its details.
 */
export const errorCodes = {
  validation_failed: 400,
  invalid_cursor: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  /** A destructive action's confirmation no longer matches what its preview counted. */
  preview_stale: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  account_locked: 429,
  data_dir_locked: 503,
  database_unavailable: 503,
  internal_error: 500,
  /** The PSA refused or could not be reached; the message says what to fix. */
  psa_error: 502,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
