import { useEffect, useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import type { Integration, SyncRun } from '../api/integrations';
import { Badge } from '../ui/Badge';
import { errorMessage } from '../ui/States';
import { MenuButton } from './components/MenuButton';
import { useLatestRun, useStartRun } from './hooks/use-runs';
import type { IntegrationContext } from './integration-context';
import { isLive, providerLabels } from './labels';
import { integrationPaths } from './paths';
import { RunProgressPanel } from './runs/RunProgressPanel';

const tabs = [
  { to: integrationPaths.overview, label: 'Overview', end: true },
  { to: integrationPaths.settings, label: 'Sync settings' },
  { to: integrationPaths.matches, label: 'Match review' },
  { to: integrationPaths.runs, label: 'Run history' },
  { to: integrationPaths.errors, label: 'Error inbox' },
  { to: integrationPaths.manage, label: 'Manage Data' },
];

/** The connected integration: who it is, Sync now, the run being followed, and the tabs. */
export function IntegrationLayout({ integration }: { integration: Integration }) {
  const latest = useLatestRun(integration.id).data ?? null;
  const start = useStartRun(integration.id);
  const navigate = useNavigate();
  const [followed, setFollowed] = useState<SyncRun | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);

  // A run that starts elsewhere (the schedule, the CLI, another admin) or waits for a decision shows up here too.
  useEffect(() => {
    if (!latest || latest.id === dismissed || !(isLive(latest.status) || latest.status === 'held')) return;
    if (!followed || (followed.id !== latest.id && !isLive(followed.status))) setFollowed(latest);
  }, [latest, dismissed, followed]);

  const followRun = (run: SyncRun) => {
    setDismissed(null);
    setFollowed(run);
  };
  const sync = (full: boolean) => start.mutate(full, { onSuccess: followRun });
  const paused = integration.status === 'paused';
  // The cached latest run is kept fresh by the live stream; prefer it over the snapshot taken when following began.
  const shown = followed && latest?.id === followed.id ? latest : followed;
  const context: IntegrationContext = { integration, followRun };

  return (
    <div className="integration">
      <section className="card integration-header" aria-label="PSA integration">
        <div className="psa-logo" aria-hidden="true">
          {providerLabels[integration.provider].slice(0, 1)}
        </div>
        <div className="integration-header-text">
          <h2>{integration.name}</h2>
          <p className="muted">
            {integration.name !== providerLabels[integration.provider] && `${providerLabels[integration.provider]} · `}
            <span className="mono">{integration.baseUrl}</span>
          </p>
        </div>
        <Badge tone={paused ? 'warning' : 'success'}>{paused ? 'Paused' : 'Active'}</Badge>
        <div className="integration-header-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => sync(false)}
            disabled={paused || start.isPending}
            title={paused ? 'Resume the integration to sync' : 'Fetch what changed in the PSA since the last successful sync'}
          >
            {start.isPending ? 'Starting…' : 'Sync now'}
          </button>
          <MenuButton
            label="More sync options"
            items={[
              { label: 'Full sync', detail: 'Read every record again, not only what changed', onSelect: () => sync(true), disabled: paused || start.isPending },
              { label: 'Manage Data', detail: 'Synced, orphaned and disconnected data', onSelect: () => navigate(integrationPaths.manage) },
            ]}
          >
            <span className="visually-hidden">More sync options</span>
          </MenuButton>
        </div>
      </section>
      {start.isError && (
        <p className="form-error integration-error" role="alert">
          {errorMessage(start.error)}
        </p>
      )}
      {shown && (
        <RunProgressPanel
          key={shown.id}
          run={shown}
          onDismiss={() => {
            setDismissed(shown.id);
            setFollowed(null);
          }}
        />
      )}
      <nav className="tabs integration-tabs" aria-label="Integration sections">
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end} className="tab">
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <div className="integration-content">
        <Outlet context={context} />
      </div>
    </div>
  );
}
