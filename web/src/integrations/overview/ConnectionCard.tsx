import type { ReactNode } from 'react';
import type { Integration } from '../../api/integrations';
import { Badge } from '../../ui/Badge';
import { formatDateTime } from '../../ui/format';
import { EditIcon, PlugIcon } from '../../ui/icons';
import { errorMessage } from '../../ui/States';
import { TestResult } from '../connect/TestResult';
import { usePauseIntegration, useTestSavedConnection } from '../hooks/use-integration';
import { providerLabels } from '../labels';
import { RemoveIntegrationButton } from './RemoveIntegrationButton';

/** Where the PSA is and how psalink signs in (key names only), with the actions on the connection itself. */
export function ConnectionCard({ integration, onEdit }: { integration: Integration; onEdit: () => void }) {
  const test = useTestSavedConnection(integration.id);
  const pause = usePauseIntegration(integration.id);
  const paused = integration.status === 'paused';
  return (
    <section className="card" aria-labelledby="connection-title">
      <div className="card-header">
        <h2 className="card-title" id="connection-title">
          <PlugIcon />
          Connection
        </h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onEdit}>
          <EditIcon />
          Edit connection
        </button>
      </div>
      <dl className="detail-grid">
        <Detail term="PSA">{providerLabels[integration.provider]}</Detail>
        <Detail term="Name">{integration.name}</Detail>
        <Detail term="Status">
          <Badge tone={paused ? 'warning' : 'success'}>{paused ? 'Paused' : 'Active'}</Badge>
          <span className="muted detail-note">{paused ? 'No run starts, scheduled or manual.' : `Syncs every ${integration.settings.scheduleMinutes} minutes.`}</span>
        </Detail>
        <Detail term="Connected">{formatDateTime(integration.createdAt)}</Detail>
        <Detail term="API URL" wide>
          <span className="mono">{integration.baseUrl}</span>
        </Detail>
        <Detail term="Credentials" wide>
          {integration.credentialKeys.length === 0 ? (
            <span className="field-error">None readable: enter the credentials again under Edit connection.</span>
          ) : (
            <ul className="credential-keys" aria-label="Saved credentials">
              {integration.credentialKeys.map((key) => (
                <li key={key}>
                  <span className="mono">{key}</span>
                  <span className="secret-value is-masked" aria-label="saved, hidden">
                    •••••••• saved
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Detail>
      </dl>
      <div className="card-pad connection-actions">
        <div className="connection-buttons">
          <button type="button" className="btn btn-secondary" onClick={() => test.mutate()} disabled={test.isPending}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => pause.mutate(paused ? 'resume' : 'pause')} disabled={pause.isPending}>
            {pause.isPending ? (paused ? 'Resuming…' : 'Pausing…') : paused ? 'Resume syncing' : 'Pause syncing'}
          </button>
          <span className="toolbar-spacer" />
          <RemoveIntegrationButton integration={integration} />
        </div>
        {pause.isError && (
          <p className="field-error" role="alert">
            {errorMessage(pause.error)}
          </p>
        )}
        <TestResult result={test.data} pending={test.isPending} error={test.isError ? errorMessage(test.error) : null} />
      </div>
    </section>
  );
}

function Detail({ term, wide, children }: { term: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={`detail${wide ? ' detail-wide' : ''}`}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
