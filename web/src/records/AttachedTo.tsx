import { Link } from 'react-router';
import { useRecord } from '../api/records';
import type { Attachment } from '../api/types';
import { ServerIcon, UserIcon } from '../ui/icons';
import { paths } from './kinds';

/** "Related to ACME-DC01": a link to the configuration or contact a password or document hangs off. */
export function AttachedTo({ record }: { record: Attachment }) {
  const isConfiguration = record.attachedToKind === 'configuration';
  const configuration = useRecord('configurations', isConfiguration ? (record.attachedToId ?? undefined) : undefined);
  const contact = useRecord('contacts', record.attachedToKind === 'contact' ? (record.attachedToId ?? undefined) : undefined);
  if (!record.attachedToKind || !record.attachedToId) return <span className="muted">—</span>;
  const name = isConfiguration ? configuration.data?.name : contact.data?.fullName;
  const failed = isConfiguration ? configuration.isError : contact.isError;
  if (failed) return <span className="muted">A {record.attachedToKind} that no longer exists</span>;
  return (
    <Link to={paths.view(isConfiguration ? 'configurations' : 'contacts', record.attachedToId)} className="icon-link">
      {isConfiguration ? <ServerIcon /> : <UserIcon />}
      {name ?? '…'}
    </Link>
  );
}
