import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const KEY_FILE = 'secret.key';

/**
 * The key that encrypts secrets at rest. PSALINK_SECRET_KEY (base64 of 32 bytes) wins; otherwise a key file in
 * the data folder is created on first start (mode 0600), so the embedded default needs no setup. Processes that
 * share one PostgreSQL from several machines must all set PSALINK_SECRET_KEY to the same value.
 */
export function loadSecretKey(options: { secretKey: string | undefined; dataDir: string }): Buffer {
  if (options.secretKey) return decodeKey(options.secretKey, 'PSALINK_SECRET_KEY');
  const file = path.join(options.dataDir, KEY_FILE);
  fs.mkdirSync(options.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decodeKey(fs.readFileSync(file, 'utf8').trim(), file);
}

function decodeKey(encoded: string, source: string): Buffer {
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new Error(`${source} must be the base64 encoding of exactly 32 bytes (openssl rand -base64 32)`);
  return key;
}
