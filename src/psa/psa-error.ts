/**
 * How a PSA call failed, so the engine can react: retry later (rate_limited, transient), stop and tell the admin
 * (auth, permission, config), treat as gone (not_found), or mark records in error (bad_response).
 */
export type PsaErrorClass = 'auth' | 'permission' | 'not_found' | 'rate_limited' | 'transient' | 'bad_response' | 'config';

export class PsaError extends Error {
  constructor(
    readonly errorClass: PsaErrorClass,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; url?: string } = {},
  ) {
    super(message);
    this.name = 'PsaError';
  }

  get retryable(): boolean {
    return this.errorClass === 'rate_limited' || this.errorClass === 'transient';
  }
}

export const isPsaError = (error: unknown): error is PsaError => error instanceof PsaError;
