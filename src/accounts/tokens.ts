import { createHash, randomBytes } from 'node:crypto';

/** Session and API key tokens are 256 random bits; only their SHA-256 is stored. */
export const newToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const API_KEY_PREFIX = 'psl_';
