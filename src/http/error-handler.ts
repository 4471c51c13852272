import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, errorCodes, type ErrorCode } from '../shared/errors.js';

/** Fastify's own errors for malformed requests, mapped to our codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  FST_ERR_VALIDATION: 'validation_failed',
};

export function toErrorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** The one place an error becomes a response: `{error:{code,message,details}}`, never internals. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    if (error.code === 'account_locked' || error.code === 'too_many_requests') {
      const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) reply.header('retry-after', String(retry));
    }
    return reply.status(error.status).send(toErrorBody(error.code, error.message, error.details));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: [error.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message,
    }));
    return reply.status(400).send(toErrorBody('validation_failed', 'The request is not valid.', { issues }));
  }
  const dbCode = postgresErrorCode(error);
  if (dbCode && postgresCodes[dbCode]) {
    const code = postgresCodes[dbCode];
    return reply.status(errorCodes[code]).send(toErrorBody(code, publicMessage(code)));
  }
  const fastifyError = error as FastifyError;
  const mapped = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (mapped) return reply.status(errorCodes[mapped]).send(toErrorBody(mapped, publicMessage(mapped)));
  if (fastifyError.statusCode === 429) {
    return reply.status(429).send(toErrorBody('too_many_requests', 'Too many requests. Slow down and try again.'));
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return reply.status(fastifyError.statusCode).send(toErrorBody('validation_failed', 'The request is not valid.'));
  }
  if (isResponseSerializationError(error)) request.log.error({ err: error }, 'response did not match its schema');
  else request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send(toErrorBody('internal_error', 'Something went wrong on our side. It has been logged.'));
}

/** Constraint violations that slipped past validation are the caller's fault, not ours. */
const postgresCodes: Record<string, ErrorCode> = {
  '23505': 'conflict',
  '23503': 'validation_failed',
  '23514': 'validation_failed',
  '22P02': 'validation_failed',
  '22001': 'validation_failed',
  '22007': 'validation_failed',
  '22008': 'validation_failed',
};

/** Drizzle wraps driver errors; the SQLSTATE is on the error or its cause. */
function postgresErrorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

function publicMessage(code: ErrorCode): string {
  switch (code) {
    case 'unsupported_media_type':
      return 'Send the body as application/json.';
    case 'payload_too_large':
      return 'The request body is too large.';
    case 'invalid_json':
      return 'The request body is not valid JSON.';
    case 'conflict':
      return 'This conflicts with an existing record.';
    default:
      return 'The request is not valid.';
  }
}
