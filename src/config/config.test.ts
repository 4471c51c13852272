import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to PGlite in ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: path.resolve('data'), cookieSecure: false });
  });

  it('reads DATABASE_URL, PORT and a secure public URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', PORT: '8080', PSALINK_PUBLIC_URL: 'https://docs.example.com' });
    expect(config).toMatchObject({ databaseUrl: 'postgres://u@h/db', port: 8080, cookieSecure: true });
  });

  it('names every invalid setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT.*LOG_LEVEL|LOG_LEVEL.*PORT/);
  });
});
