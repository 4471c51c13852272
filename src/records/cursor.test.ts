import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

const id = '0190a3c4-1b2c-7d3e-8f40-123456789abc';

describe('keyset cursor', () => {
  it('round-trips the sort, value and id', () => {
    const cursor = { sort: '-updatedAt', value: '2026-11-24T10:00:00.000Z', id };
    expect(decodeCursor(encodeCursor(cursor), '-updatedAt')).toEqual(cursor);
  });

  it('refuses a cursor made for another sort order', () => {
    const encoded = encodeCursor({ sort: 'name', value: 'Acme', id });
    expect(() => decodeCursor(encoded, '-name')).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
  });

  it.each([
    ['not base64 json', 'bm90IGpzb24'],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad id', Buffer.from('["name","x","not-a-uuid"]').toString('base64url')],
    ['a null value', Buffer.from(`["name",null,"${id}"]`).toString('base64url')],
    ['a huge value', Buffer.from(JSON.stringify(['name', 'x'.repeat(3000), id])).toString('base64url')],
  ])('refuses %s with invalid_cursor', (_label, encoded) => {
    expect(() => decodeCursor(encoded, 'name')).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
  });
});
