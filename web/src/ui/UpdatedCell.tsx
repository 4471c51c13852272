import { formatDateTime, formatRelative } from './format';

export function UpdatedCell({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)} className="muted nowrap">
      {formatRelative(iso)}
    </time>
  );
}
