import { describe, expect, it } from 'vitest';
import { hasRole, roles } from './roles.js';
import { lockoutMs, FREE_ATTEMPTS } from './sign-in.js';

describe('role ranking', () => {
  it.each(roles.flatMap((actual, i) => roles.map((required, j) => [actual, required, i >= j] as const)))(
    '%s has %s: %s',
    (actual, required, expected) => expect(hasRole(actual, required)).toBe(expected),
  );
});

describe('sign-in lockout', () => {
  it('allows the first attempts, then locks for longer each time, capped at 15 minutes', () => {
    expect(lockoutMs(FREE_ATTEMPTS - 1)).toBe(0);
    expect(lockoutMs(FREE_ATTEMPTS)).toBe(30_000);
    expect(lockoutMs(FREE_ATTEMPTS + 1)).toBe(60_000);
    expect(lockoutMs(FREE_ATTEMPTS + 20)).toBe(15 * 60_000);
  });
});
