import { AppError } from '../shared/errors.js';

/**
 * A keyset cursor: the sort key it was made for and the last row's (value, id). Opaque to clients (base64url
 * JSON); a cursor made for another sort, or tampered with, is refused rather than silently misread.
 */
export interface Cursor {
  sort: string;
  value: string | number;
  id: string;
}

export const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(encoded: string, expectedSort: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [sort, value, id] = parsed as unknown[];
  if (sort !== expectedSort) {
    throw new AppError('invalid_cursor', 'This cursor belongs to another sort order; start again from the first page.');
  }
  if ((typeof value !== 'string' && typeof value !== 'number') || typeof id !== 'string' || !UUID.test(id)) throw invalid();
  if (typeof value === 'string' && value.length > 2000) throw invalid();
  return { sort, value, id };
}

const invalid = () => new AppError('invalid_cursor', 'The cursor is not valid; start again from the first page.');
