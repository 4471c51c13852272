import { useId } from 'react';
import type { SyncScope } from '../../api/integrations';
import { Badge } from '../../ui/Badge';
import { isChoosable, type SettingsDraft } from './use-settings-draft';

interface Props {
  /** "Configuration types". */
  title: string;
  scopes: SyncScope[];
  draft: SettingsDraft;
  disabled?: boolean;
}

const frozenHelp = {
  paused: 'Paused under Manage Data: its records keep their links but are not synced.',
  disconnected: 'Disconnected under Manage Data: the sync neither touches nor re-creates its records.',
};

/** One PSA list (types or statuses of a kind) as checkboxes, with select all / none for the choosable ones. */
export function ScopeChecklist({ title, scopes, draft, disabled }: Props) {
  const headingId = useId();
  const choosable = scopes.filter(isChoosable);
  const ticked = choosable.filter((scope) => draft.stateOf(scope) === 'enabled').length;
  return (
    <div className="scope-list" role="group" aria-labelledby={headingId}>
      <div className="scope-list-head">
        <h4 id={headingId}>{title}</h4>
        <span className="muted scope-list-count">
          {ticked} of {choosable.length} synced
        </span>
        <span className="scope-list-bulk">
          <button type="button" className="link-button" onClick={() => draft.setChoice(choosable, 'enabled')} disabled={disabled || ticked === choosable.length} aria-label={`Select all ${title.toLowerCase()}`}>
            All
          </button>
          <button type="button" className="link-button" onClick={() => draft.setChoice(choosable, 'excluded')} disabled={disabled || ticked === 0} aria-label={`Select no ${title.toLowerCase()}`}>
            None
          </button>
        </span>
      </div>
      {scopes.length === 0 ? (
        <p className="muted scope-list-empty">The PSA has none.</p>
      ) : (
        <ul className="scope-items">
          {scopes.map((scope) => {
            const frozen = !isChoosable(scope);
            const state = draft.stateOf(scope);
            const changed = !frozen && state !== scope.state;
            return (
              <li key={scope.id} className={`scope-item${frozen ? ' is-frozen' : ''}${changed ? ' is-changed' : ''}`}>
                <label title={frozen ? frozenHelp[scope.state as 'paused' | 'disconnected'] : undefined}>
                  <input
                    type="checkbox"
                    checked={!frozen && state === 'enabled'}
                    disabled={disabled || frozen}
                    onChange={(e) => draft.setChoice([scope], e.target.checked ? 'enabled' : 'excluded')}
                  />
                  <span className="scope-name">{scope.name}</span>
                </label>
                {frozen && <Badge tone={scope.state === 'paused' ? 'warning' : 'neutral'}>{scope.state === 'paused' ? 'Paused' : 'Disconnected'}</Badge>}
                {changed && <span className="scope-changed">{state === 'enabled' ? 'will sync' : 'will stop'}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
