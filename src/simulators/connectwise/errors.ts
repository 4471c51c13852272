/**
 * ConnectWise's error bodies: `{code, message}` plus `errors[]` for validation (`{code, message, resource, field}`),
 * e.g. `{"code":"InvalidObject","message":"ticket object is invalid","errors":[{"code":"NotFound",…,"field":"status/id"}]}`.
 */
export interface CwErrorItem {
  code: string;
  message: string;
  resource?: string;
  field?: string;
}

export interface CwErrorBody {
  code: string;
  message: string;
  errors?: CwErrorItem[];
}

/** Thrown by handlers; the API plugin's error handler turns it into the status and body. */
export class CwApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: CwErrorItem[],
  ) {
    super(message);
    this.name = 'CwApiError';
  }

  get body(): CwErrorBody {
    return this.errors?.length ? { code: this.code, message: this.message, errors: this.errors } : { code: this.code, message: this.message };
  }
}

export const invalidObject = (resource: string, errors: CwErrorItem[]) =>
  new CwApiError(400, 'InvalidObject', `${resource} object is invalid`, errors.map(({ code, message, field }) => ({ code, message, resource, ...(field ? { field } : {}) })));

export const invalidParameter = (resource: string, field: string, message: string) =>
  new CwApiError(400, 'InvalidObject', `The ${field} parameter is invalid.`, [{ code: 'InvalidField', message, resource, field }]);

export const notFound = (what: string, id: number | string) => new CwApiError(404, 'NotFound', `${what} ID ${id} was not found.`);

/** The code ConnectWise puts in the body for a status (500s say ConnectWiseApi, as the real API does). */
export function errorBodyFor(status: number, message: string): CwErrorBody {
  const codes: Record<number, string> = { 400: 'InvalidObject', 401: 'Unauthorized', 403: 'Security', 404: 'NotFound', 405: 'MethodNotAllowed', 429: 'TooManyRequests' };
  return { code: codes[status] ?? (status >= 500 ? 'ConnectWiseApi' : 'BadRequest'), message };
}
