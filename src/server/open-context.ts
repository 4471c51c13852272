import type { Config } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import type { AppContext } from '../http/context.js';
import { loadSecretKey } from '../shared/secret-key.js';
import { SecretBox } from '../shared/secret-box.js';

/** Opens what every command needs: the database (migrated) and the secret box. */
export async function openContext(config: Config): Promise<AppContext & { close(): Promise<void> }> {
  const secretBox = new SecretBox(loadSecretKey(config));
  const database = await openDatabase(
    config.databaseUrl ? { engine: 'postgres', url: config.databaseUrl } : { engine: 'pglite', dataDir: config.dataDir },
  );
  return { config, database, secretBox, close: () => database.close() };
}
