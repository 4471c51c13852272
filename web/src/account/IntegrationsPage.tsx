import { usePermissions } from '../auth/session';
import { useDocumentTitle } from '../ui/hooks';
import { PlugIcon } from '../ui/icons';
import { EmptyState } from '../ui/States';

const psas = [
  { name: 'ConnectWise PSA', detail: 'Companies, configurations and contacts through the ConnectWise Manage REST API.' },
  { name: 'Autotask PSA', detail: 'Companies, configuration items and contacts through the Autotask (Datto) REST API.' },
  { name: 'HaloPSA', detail: 'Clients, assets and users through the HaloPSA API.' },
];

/** Where the PSA connection will be set up; for now it explains what it will do. */
export function IntegrationsPage() {
  useDocumentTitle('Integrations');
  const { isAdmin } = usePermissions();
  if (!isAdmin) {
    return <EmptyState title="Integrations are for administrators">Ask an administrator of your account to connect or change the PSA.</EmptyState>;
  }
  return (
    <section className="card" aria-labelledby="integrations-title">
      <div className="card-header">
        <h2 className="card-title" id="integrations-title">
          PSA integration
        </h2>
      </div>
      <EmptyState icon={<PlugIcon width={28} height={28} />} title="No PSA connected yet">
        <p>
          This is where you will connect psalink to your PSA and choose what it syncs. Once connected, organizations, configurations and contacts stay in
          step with the PSA, which remains the source of truth for the fields it owns.
        </p>
        <p>Passwords, documents and notes live only in psalink; a sync never changes or deletes them.</p>
      </EmptyState>
      <ul className="psa-list" aria-label="Supported PSA tools">
        {psas.map((psa) => (
          <li key={psa.name} className="psa-item">
            <div className="psa-logo" aria-hidden="true">
              {psa.name.slice(0, 1)}
            </div>
            <div>
              <strong>{psa.name}</strong>
              <p className="muted">{psa.detail}</p>
            </div>
            <span className="badge badge-neutral">Not connected</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
