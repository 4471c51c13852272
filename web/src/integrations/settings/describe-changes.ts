import { syncKinds, type Integration, type ScopeChange, type ScopeStateChange, type SyncSettingsPatch } from '../../api/integrations';
import { formatPercent, syncKindNames } from '../labels';

/** "Configuration types “Printer” and “Switch” stop syncing." — the admin's changes, read back before applying. */
export function describeChanges(integration: Integration, scopes: ScopeStateChange[], settings: SyncSettingsPatch | null): string[] {
  const lines: string[] = [];
  const wanted = new Map(scopes.map((s) => [s.id, s.state]));
  for (const kind of syncKinds) {
    for (const dimension of ['type', 'status'] as const) {
      for (const state of ['enabled', 'excluded'] as const) {
        const names = integration.scopes[kind][dimension].filter((s) => wanted.get(s.id) === state).map((s) => `“${s.name}”`);
        if (names.length === 0) continue;
        const what = `${syncKindNames[kind].noun} ${dimension === 'type' ? 'type' : 'status'}${names.length === 1 ? '' : dimension === 'type' ? 's' : 'es'}`;
        lines.push(`${capitalize(what)} ${listNames(names)} ${names.length === 1 ? (state === 'enabled' ? 'starts' : 'stops') : state === 'enabled' ? 'start' : 'stop'} syncing.`);
      }
    }
  }
  if (settings?.contactsEnabled !== undefined) lines.push(settings.contactsEnabled ? 'Contacts start syncing.' : 'Contacts stop syncing.');
  if (settings?.scheduleMinutes !== undefined) lines.push(`Scheduled syncs run every ${settings.scheduleMinutes} minutes.`);
  if (settings?.brake) {
    const { maxShare = integration.settings.brake.maxShare, minCount = integration.settings.brake.minCount } = settings.brake;
    lines.push(`The safety brake holds a run that would orphan more than ${formatPercent(maxShare)} of a kind and at least ${minCount} records.`);
  }
  return lines;
}

/** What reading the PSA again found, in words. */
export function describeRefresh(added: ScopeChange[], renamed: ScopeChange[]): string {
  if (added.length === 0 && renamed.length === 0) return 'The PSA has no new types or statuses. Everything is up to date.';
  const parts: string[] = [];
  if (added.length > 0) {
    const names = added.map((s) => `${s.name} (${syncKindNames[s.kind].noun} ${s.dimension})`);
    parts.push(`Found ${added.length} new: ${listNames(names)}. New ones start unticked, so nothing new syncs until you tick it and save.`);
  }
  if (renamed.length > 0) parts.push(`Renamed in the PSA: ${listNames(renamed.map((s) => s.name))}.`);
  return parts.join(' ');
}

function listNames(names: string[]) {
  const shown = names.length > 5 ? [...names.slice(0, 4), `${names.length - 4} more`] : names;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

const capitalize = (text: string) => text[0]!.toUpperCase() + text.slice(1);
