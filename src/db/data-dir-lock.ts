import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { AppError } from '../shared/errors.js';

/**
 * PGlite is one embedded process: a second process opening the same folder would silently corrupt it. The lock is
 * refreshed while we run and goes stale seconds after a crash, so a killed process does not block the next start.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, 'psalink.lock'),
      stale: 10_000,
      update: 3_000,
      realpath: false,
      onCompromised: (error) => {
        // Someone removed or took our lock: continuing could corrupt the database, so stop.
        console.error(`psalink: lost the lock on ${dataDir}: ${error.message}`);
        process.exit(1);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new AppError(
        'data_dir_locked',
        `Another psalink process is using the data folder ${dataDir}. Stop it first, or run several processes on PostgreSQL (DATABASE_URL).`,
      );
    }
    throw error;
  }
}
