import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.js';

/*
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in a request would fail deep in the database. Refuse it at
 * the door instead: in JSON strings (and keys) while parsing, and in the URL (path and query).
 */
const nulInText = () => new AppError('validation_failed', 'Text must not contain NUL (U+0000) characters.');

export function rejectNulCharacters(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (/%00/i.test(request.url) || request.url.includes('\0')) throw nulInText();
  });
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(text, (key, value) => {
        if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) throw nulInText();
        return value;
      }));
    } catch (error) {
      done(error instanceof AppError ? error : new AppError('invalid_json', 'The request body is not valid JSON.'), undefined);
    }
  });
}
