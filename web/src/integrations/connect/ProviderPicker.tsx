import type { Provider } from '../../api/integrations';
import { CheckIcon } from '../../ui/icons';
import { providerLabels } from '../labels';

const providers: { id: Provider; detail: string }[] = [
  { id: 'connectwise', detail: 'Companies, configurations and contacts through the ConnectWise Manage REST API.' },
  { id: 'autotask', detail: 'Companies, configuration items and contacts through the Autotask (Datto) REST API.' },
  { id: 'halo', detail: 'Clients, assets and users through the HaloPSA API.' },
];

/** The three PSAs as cards; underneath it is a radio group, so arrow keys and screen readers work as usual. */
export function ProviderPicker({ value, onChange }: { value: Provider; onChange: (provider: Provider) => void }) {
  return (
    <fieldset className="provider-picker">
      <legend>PSA</legend>
      <div className="provider-cards">
        {providers.map((p) => (
          <label key={p.id} className={`provider-card${value === p.id ? ' is-selected' : ''}`}>
            <input type="radio" name="provider" value={p.id} checked={value === p.id} onChange={() => onChange(p.id)} className="visually-hidden" />
            <span className="psa-logo" aria-hidden="true">
              {providerLabels[p.id].slice(0, 1)}
            </span>
            <span className="provider-card-text">
              <strong>{providerLabels[p.id]}</strong>
              <span className="muted">{p.detail}</span>
            </span>
            {value === p.id && <CheckIcon className="provider-card-check" />}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
