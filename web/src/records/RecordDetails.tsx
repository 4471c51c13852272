import type { ReactNode } from 'react';
import { useLookupName } from '../api/lookups';
import type { FieldDef } from '../forms/fields';
import { LookupBadge } from '../ui/Badge';
import { formatDate } from '../ui/format';
import { ExternalIcon } from '../ui/icons';
import { safeHref } from './kinds';

interface Props {
  fields: FieldDef[];
  record: object;
  /** Fields the page shows in its own way (the title, a secret, a document body). */
  omit?: string[];
  /** Custom renderings by field name. */
  render?: Record<string, ReactNode>;
}

/** A record's fields as labelled values, grouped in the same sections as its form. */
export function RecordDetails({ fields, record, omit = [], render = {} }: Props) {
  const shown = fields.filter((f) => !omit.includes(f.name) && f.kind !== 'secret' && f.kind !== 'markdown');
  const sections = [...new Set(shown.map((f) => f.section ?? ''))];
  return (
    <div className="details">
      {sections.map((section) => (
        <section key={section} className="card details-section">
          {section && <h2 className="card-title">{section}</h2>}
          <dl className="detail-grid">
            {shown
              .filter((f) => (f.section ?? '') === section)
              .map((field) => (
                <div key={field.name} className={`detail${field.wide || field.kind === 'textarea' ? ' detail-wide' : ''}`}>
                  {/* Under a card titled "Notes", a second "Notes" label is noise for the eye but not for screen readers. */}
                  <dt className={field.label === section ? 'visually-hidden' : undefined}>{field.label}</dt>
                  <dd>{render[field.name] ?? <FieldValue field={field} value={(record as Record<string, unknown>)[field.name]} />}</dd>
                </div>
              ))}
          </dl>
        </section>
      ))}
    </div>
  );
}

export function FieldValue({ field, value }: { field: FieldDef; value: unknown }) {
  const lookupName = useLookupName();
  if (field.kind === 'lookup' && field.lookup) {
    return <LookupBadge name={lookupName(field.lookup, value as string | null)} status={field.lookup.endsWith('Statuses')} />;
  }
  if (typeof value !== 'string' || value.trim() === '') return <span className="muted">—</span>;
  switch (field.kind) {
    case 'email':
      return <a href={`mailto:${value}`}>{value}</a>;
    case 'tel':
      return <a href={`tel:${value.replace(/[^\d+]/g, '')}`}>{value}</a>;
    case 'url': {
      const href = safeHref(value);
      return href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="external-link">
          {value}
          <ExternalIcon width={12} height={12} />
        </a>
      ) : (
        <span>{value}</span>
      );
    }
    case 'date':
      return <time dateTime={value}>{formatDate(value)}</time>;
    case 'textarea':
      return <div className="prewrap">{value}</div>;
    default:
      return <span className={field.mono ? 'mono' : undefined}>{value}</span>;
  }
}
