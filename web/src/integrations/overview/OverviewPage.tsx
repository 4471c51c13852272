import { useState } from 'react';
import { useDocumentTitle } from '../../ui/hooks';
import { useIntegrationContext } from '../integration-context';
import { ConnectionCard } from './ConnectionCard';
import { EditConnectionForm } from './EditConnectionForm';
import { LastRunCard } from './LastRunCard';

/** The integration at a glance: the connection and what the last run did. */
export function OverviewPage() {
  const { integration } = useIntegrationContext();
  useDocumentTitle(`${integration.name} · Integrations`);
  const [editing, setEditing] = useState(false);
  return (
    <div className="overview-grid">
      {editing ? (
        <EditConnectionForm integration={integration} onDone={() => setEditing(false)} />
      ) : (
        <ConnectionCard integration={integration} onEdit={() => setEditing(true)} />
      )}
      <LastRunCard integrationId={integration.id} />
    </div>
  );
}
