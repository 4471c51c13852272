/**
 * Autotask answers every failure as `{"errors": ["…"]}`. Validation problems (a bad filter, an unknown field, an
 * invalid picklist value) come back as HTTP 500 on the real service, not 400 — clients must not assume a 4xx.
 */
export class AutotaskApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AutotaskApiError';
  }
}

export const errorsBody = (...messages: string[]) => ({ errors: messages });

/** A request the real API rejects as invalid: 500 with the reason. */
export const invalid = (message: string) => new AutotaskApiError(500, message);
