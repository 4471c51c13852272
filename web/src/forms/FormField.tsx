import { Fragment, useState } from 'react';
import { useLookups } from '../api/lookups';
import { Markdown } from '../ui/Markdown';
import type { FieldDef, Option } from './fields';

interface Props {
  field: FieldDef;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}

// URLs stay plain text: people paste "portal.example.com" and the scheme is added when shown as a link.
const inputTypes: Record<string, string> = { email: 'email', tel: 'tel', date: 'date', secret: 'password' };

/** A labelled input with its hint and error, wired up for screen readers. */
export function FormField({ field, value, error, onChange, autoFocus }: Props) {
  const id = `field-${field.name}`;
  // Read here, not in <Options>: a controlled <select> re-applies its value only when it re-renders itself, so options
  // that arrive later (the lookups load after the record) would otherwise show "— None —" over a set value.
  const lookups = useLookups();
  const options: Option[] = field.lookup ? (lookups.data?.[field.lookup] ?? []).map((v) => ({ value: v.id, label: v.name })) : (field.options ?? []);
  const describedBy = [field.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    required: field.required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    autoFocus,
  };
  let control;
  switch (field.kind) {
    case 'textarea':
      control = <textarea {...common} rows={5} value={value} maxLength={field.maxLength} placeholder={field.placeholder} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'markdown':
      control = <MarkdownInput common={common} value={value} onChange={onChange} />;
      break;
    case 'lookup':
    case 'select':
    case 'attachment':
      control = (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          {!field.required && <option value="">— None —</option>}
          <Options options={options} />
        </select>
      );
      break;
    default:
      control = (
        <input
          {...common}
          type={inputTypes[field.kind ?? 'text'] ?? 'text'}
          value={value}
          maxLength={field.maxLength}
          placeholder={field.placeholder}
          inputMode={field.kind === 'url' ? 'url' : undefined}
          autoComplete={field.autoComplete ?? 'off'}
          spellCheck={field.mono ? false : undefined}
          className={field.mono ? 'mono' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
  return (
    <div className={`field${field.wide || field.kind === 'textarea' || field.kind === 'markdown' ? ' field-wide' : ''}`}>
      {/* The star sits outside the label so the accessible name is just the label; `required` tells screen readers. */}
      <div className="field-label">
        <label htmlFor={id}>{field.label}</label>
        {field.required && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {control}
      {field.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {field.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function Options({ options }: { options: Option[] }) {
  const groups = [...new Set(options.map((o) => o.group))];
  return (
    <>
      {groups.map((group) => {
        const items = options.filter((o) => o.group === group).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ));
        return group ? (
          <optgroup key={group} label={group}>
            {items}
          </optgroup>
        ) : (
          <Fragment key="">{items}</Fragment>
        );
      })}
    </>
  );
}

type Common = { id: string; name: string; required?: boolean | undefined; 'aria-invalid'?: boolean | undefined; 'aria-describedby'?: string | undefined };

/** Markdown with a preview, so the author sees the document as readers will. */
function MarkdownInput({ common, value, onChange }: { common: Common; value: string; onChange: (value: string) => void }) {
  const [preview, setPreview] = useState(false);
  return (
    <div className="markdown-input">
      <div className="segmented" role="group" aria-label="Editor mode">
        <button type="button" aria-pressed={!preview} onClick={() => setPreview(false)}>
          Write
        </button>
        <button type="button" aria-pressed={preview} onClick={() => setPreview(true)}>
          Preview
        </button>
      </div>
      {preview ? (
        <div className="markdown-preview">{value.trim() ? <Markdown source={value} /> : <p className="muted">Nothing to preview yet.</p>}</div>
      ) : (
        <textarea {...common} className="mono" rows={18} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}
