import { Option, type Command } from 'commander';
import { addIntegration } from '../integrations/add-integration.js';
import { listGroupedScopes, type GroupedScopes } from '../integrations/integration-dto.js';
import { cliActor, providerLabels } from '../integrations/integration-store.js';
import type { ScopeDimension } from '../integrations/scope-lists.js';
import { setScopeStates } from '../integrations/set-scope-states.js';
import { mergeSyncSettings, parseSyncSettings, type SyncSettings, type SyncSettingsPatch } from '../integrations/sync-settings.js';
import { updateIntegration } from '../integrations/update-integration.js';
import { recordKinds, type PsaProvider, type RecordKind } from '../psa/canonical.js';
import { findAccount, findAccountIntegration, withContext } from './cli-context.js';
import { AppError } from '../shared/errors.js';

interface SettingsOptions {
  account: string;
  scheduleMinutes?: string;
  contacts?: 'on' | 'off';
  enableType: string[];
  excludeType: string[];
  enableStatus: string[];
  excludeStatus: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `psalink integration add|settings`: scripted setups of the account's PSA integration. */
export function registerIntegrationCommand(program: Command) {
  const integration = program.command('integration').description("Set up the account's PSA integration");

  integration
    .command('add')
    .description('Connect a PSA; every type and status starts enabled')
    .requiredOption('--account <name>', 'account name')
    .addOption(new Option('--provider <provider>', 'the PSA').choices(['connectwise', 'autotask', 'halo']).makeOptionMandatory())
    .requiredOption('--base-url <url>', 'the PSA API URL')
    .requiredOption('--credentials <json>', 'the credentials object, exactly as `psalink sim` prints it')
    .option('--name <name>', 'a name for the integration (default: the PSA product name)')
    .action(async (options: { account: string; provider: PsaProvider; baseUrl: string; credentials: string; name?: string }) => {
      const credentials = parseCredentials(options.credentials);
      await withContext(async (ctx) => {
        const account = await findAccount(ctx, options.account);
        const { integration: row } = await addIntegration({
          ctx,
          accountId: account.id,
          actor: cliActor,
          provider: options.provider,
          name: options.name,
          baseUrl: options.baseUrl,
          credentials,
        });
        console.log(`Added ${providerLabels[row.provider]} integration "${row.name}" to account "${account.name}" (id ${row.id}).`);
        console.log('Types and statuses found in the PSA (all enabled):');
        printScopes(await listGroupedScopes(ctx.database.db, account.id, row.id), false);
      });
    });

  integration
    .command('settings')
    .description('Change the sync settings and which PSA types and statuses sync; prints the result')
    .requiredOption('--account <name>', 'account name')
    .option('--schedule-minutes <n>', 'minutes between scheduled syncs (5–1440)')
    .addOption(new Option('--contacts <on|off>', 'sync contacts').choices(['on', 'off']))
    .option('--enable-type <kind:name>', 'sync records of this PSA type, e.g. configuration:Server (repeatable)', collect, [])
    .option('--exclude-type <kind:name>', 'stop syncing records of this PSA type (repeatable)', collect, [])
    .option('--enable-status <kind:name>', 'sync records of this PSA status, e.g. organization:Active (repeatable)', collect, [])
    .option('--exclude-status <kind:name>', 'stop syncing records of this PSA status (repeatable)', collect, [])
    .action(async (options: SettingsOptions) => {
      await withContext(async (ctx) => {
        const account = await findAccount(ctx, options.account);
        const row = await findAccountIntegration(ctx, account);
        const patch = settingsPatch(options);
        // Everything is checked before anything is written: a typo in one name changes nothing.
        mergeSyncSettings(parseSyncSettings(row.settings), patch);
        const scopes = resolveScopes(await listGroupedScopes(ctx.database.db, account.id, row.id), options);

        const base = { ctx, accountId: account.id, integrationId: row.id, actor: cliActor };
        const updated = Object.keys(patch).length > 0 ? await updateIntegration({ ...base, settings: patch }) : row;
        const changed = await setScopeStates({ ...base, scopes });
        console.log(`Settings of "${updated.name}" (account "${account.name}"): ${describeSettings(parseSyncSettings(updated.settings))}.`);
        for (const c of changed) console.log(`Changed: ${c.kind} ${c.dimension} "${c.name}" is now ${c.state}.`);
        if (scopes.length > 0 && changed.length === 0) console.log('No type or status changed.');
        printScopes(await listGroupedScopes(ctx.database.db, account.id, row.id), true);
      });
    });
}

function parseCredentials(json: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new AppError('validation_failed', '--credentials must be a JSON object, e.g. \'{"companyId":"…","publicKey":"…"}\'.');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new AppError('validation_failed', '--credentials must be a JSON object whose values are strings.');
  }
  return value as Record<string, string>;
}

function settingsPatch(options: SettingsOptions): SyncSettingsPatch {
  const patch: SyncSettingsPatch = {};
  if (options.scheduleMinutes !== undefined) {
    if (!/^\d+$/.test(options.scheduleMinutes)) throw new AppError('validation_failed', '--schedule-minutes must be a whole number of minutes (5–1440).');
    patch.scheduleMinutes = Number(options.scheduleMinutes);
  }
  if (options.contacts) patch.contactsEnabled = options.contacts === 'on';
  return patch;
}

/** `KIND:NAME` → the scopes of that kind, dimension and name (case-insensitive; a PSA may repeat a name). */
function resolveScopes(grouped: GroupedScopes, options: SettingsOptions): { id: string; state: 'enabled' | 'excluded' }[] {
  const wanted: [string[], ScopeDimension, 'enabled' | 'excluded'][] = [
    [options.enableType, 'type', 'enabled'],
    [options.excludeType, 'type', 'excluded'],
    [options.enableStatus, 'status', 'enabled'],
    [options.excludeStatus, 'status', 'excluded'],
  ];
  const result = new Map<string, 'enabled' | 'excluded'>();
  for (const [values, dimension, state] of wanted) {
    for (const value of values) {
      const separator = value.indexOf(':');
      const kind = parseKind(separator > 0 ? value.slice(0, separator) : '', value);
      const name = value.slice(separator + 1).trim().toLowerCase();
      const scopes = grouped[kind][dimension];
      const matches = scopes.filter((s) => s.name.trim().toLowerCase() === name);
      if (matches.length === 0) {
        const known = scopes.map((s) => s.name).join(', ') || 'none';
        throw new AppError('not_found', `The PSA has no ${kind} ${dimension} named "${value.slice(separator + 1)}". Known: ${known}.`);
      }
      for (const scope of matches) {
        if (result.has(scope.id) && result.get(scope.id) !== state) {
          throw new AppError('validation_failed', `${kind} ${dimension} "${scope.name}" is both enabled and excluded.`);
        }
        result.set(scope.id, state);
      }
    }
  }
  return [...result].map(([id, state]) => ({ id, state }));
}

function parseKind(raw: string, value: string): RecordKind {
  const kind = raw.trim().toLowerCase().replace(/s$/, '');
  if (recordKinds.includes(kind as RecordKind)) return kind as RecordKind;
  throw new AppError('validation_failed', `"${value}" must look like KIND:NAME with KIND organization, configuration or contact.`);
}

const describeSettings = (s: SyncSettings) =>
  `sync every ${s.scheduleMinutes} minutes, contacts ${s.contactsEnabled ? 'on' : 'off'}, ` +
  `safety brake at ${Math.round(s.brake.maxShare * 100)}% and at least ${s.brake.minCount} records, overlap ${s.overlapMinutes} minutes`;

function printScopes(grouped: GroupedScopes, marks: boolean) {
  for (const kind of recordKinds) {
    for (const dimension of ['type', 'status'] as const) {
      const scopes = grouped[kind][dimension];
      if (scopes.length === 0) continue;
      const label = `${kind} ${dimension === 'type' ? 'types' : 'statuses'}`;
      if (!marks) {
        console.log(`  ${label} (${scopes.length}): ${scopes.map((s) => s.name).join(', ')}`);
        continue;
      }
      console.log(`${label}:`);
      for (const s of scopes) console.log(`  [${s.state === 'enabled' ? 'x' : ' '}] ${s.name}${s.state === 'enabled' ? '' : ` (${s.state})`}`);
    }
  }
}
