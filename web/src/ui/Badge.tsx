import type { ReactNode } from 'react';

type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** Status names that read as healthy or not get a colour; anything else stays neutral. */
export function toneOf(status: string | undefined): Tone {
  const s = status?.toLowerCase() ?? '';
  if (/\b(active|in service|online|current)\b/.test(s)) return 'success';
  if (/\b(inactive|retired|decommissioned|disabled|lost|expired)\b/.test(s)) return 'danger';
  if (/\b(pending|onboarding|on hold|prospect|spare|in repair)\b/.test(s)) return 'warning';
  return 'neutral';
}

export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

/** A type or status value in a table cell, or a quiet dash when unset. */
export function LookupBadge({ name, status = false, hideEmpty = false }: { name: string | undefined; status?: boolean; hideEmpty?: boolean }) {
  if (!name) return hideEmpty ? null : <span className="muted">—</span>;
  return <Badge tone={status ? toneOf(name) : 'neutral'}>{name}</Badge>;
}
