import type { Integration, SyncKind } from '../../api/integrations';
import { BuildingIcon, ServerIcon, UserIcon } from '../../ui/icons';
import { syncKindNames } from '../labels';
import { ScopeChecklist } from './ScopeChecklist';
import type { SettingsDraft } from './use-settings-draft';

const icons = { organization: BuildingIcon, configuration: ServerIcon, contact: UserIcon };

/** The types and statuses of one kind; for contacts, also the switch that turns their sync off altogether. */
export function ScopeKindCard({ kind, integration, draft }: { kind: SyncKind; integration: Integration; draft: SettingsDraft }) {
  const Icon = icons[kind];
  const { noun, plural } = syncKindNames[kind];
  const scopes = integration.scopes[kind];
  const contactsOff = kind === 'contact' && !draft.text.contactsEnabled;
  const Noun = noun[0]!.toUpperCase() + noun.slice(1);
  return (
    <section className="card scope-card" aria-labelledby={`scope-${kind}-title`}>
      <div className="card-header">
        <h3 className="card-title" id={`scope-${kind}-title`}>
          <Icon />
          {plural}
        </h3>
        {kind === 'contact' && (
          <label className="switch">
            <input type="checkbox" role="switch" checked={draft.text.contactsEnabled} onChange={(e) => draft.setText({ contactsEnabled: e.target.checked })} />
            Sync contacts
          </label>
        )}
      </div>
      <div className="card-pad">
        {contactsOff ? (
          <p className="muted">
            Contacts are not synced: none are read from the PSA or created. Turn this on to choose their types.
          </p>
        ) : (
          <>
            <p className="muted scope-card-help">
              {noun === 'organization' ? 'An' : 'A'} {noun} syncs when its type{scopes.status.length > 0 ? ' and its status are both' : ' is'} ticked. Unticking orphans the {plural.toLowerCase()}{' '}
              already synced from it; they stay in psalink.
            </p>
            <div className="scope-lists">
              <ScopeChecklist title={`${Noun} types`} scopes={scopes.type} draft={draft} />
              {(scopes.status.length > 0 || kind !== 'contact') && <ScopeChecklist title={`${Noun} statuses`} scopes={scopes.status} draft={draft} />}
            </div>
          </>
        )}
      </div>
    </section>
  );
}
