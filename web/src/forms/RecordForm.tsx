import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { AlertIcon } from '../ui/icons';
import { formErrors, toBody, type FieldDef, type FormErrors, type FormValues } from './fields';
import { FormField } from './FormField';

interface Props {
  fields: FieldDef[];
  initial: FormValues;
  /** Editing sends only what changed; creating sends everything. */
  editing: boolean;
  submitLabel: string;
  cancelTo: string;
  /** Saves the body; a rejection is shown on the form. Resolving means the page navigates away. */
  onSubmit: (body: Record<string, unknown>) => Promise<unknown>;
  /** Last chance to reshape the body (e.g. one select that sets two API fields). */
  transform?: (body: Record<string, unknown>, values: FormValues) => Record<string, unknown>;
  /** Called instead of onSubmit when an edit changed nothing. */
  onUnchanged?: () => void;
}

/** A record form: sections of labelled fields, Enter (or Ctrl+Enter in a text area) saves, errors stay on screen. */
export function RecordForm({ fields, initial, editing, submitLabel, cancelTo, onSubmit, transform, onUnchanged }: Props) {
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    let body = toBody(fields, values, editing ? initial : undefined);
    if (transform) body = transform(body, values);
    if (editing && Object.keys(body).length === 0 && onUnchanged) return onUnchanged();
    setSaving(true);
    setErrors({ fields: {} });
    try {
      await onSubmit(body);
    } catch (error) {
      const next = formErrors(error, fields);
      setErrors(next);
      setSaving(false);
      // Put the keyboard where the problem is.
      requestAnimationFrame(() => {
        const first = fields.find((f) => next.fields[f.name]);
        const target = first ? form.current?.querySelector<HTMLElement>(`#field-${first.name}`) : form.current?.querySelector<HTMLElement>('.form-summary');
        target?.focus();
      });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.current?.requestSubmit();
    }
  };

  const sections = [...new Set(fields.map((f) => f.section ?? ''))];
  return (
    <form ref={form} className="record-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
      {errors.summary && (
        <div className="form-summary" role="alert" tabIndex={-1}>
          <AlertIcon />
          <span>{errors.summary}</span>
        </div>
      )}
      <fieldset disabled={saving} className="form-fieldset">
        {sections.map((section) => {
          const inSection = fields.filter((f) => (f.section ?? '') === section);
          // A "Notes" section holding only a "Notes" field needs no second title.
          const titled = section && !(inSection.length === 1 && inSection[0]?.label === section);
          return (
            <section key={section} className="form-section">
              {titled && <h2 className="form-section-title">{section}</h2>}
              <div className="form-grid">
                {inSection.map((field) => (
                  <FormField
                    key={field.name}
                    field={field}
                    value={values[field.name] ?? ''}
                    error={errors.fields[field.name]}
                    autoFocus={field === fields[0] && !editing}
                    onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
                  />
                ))}
              </div>
            </section>
          );
        })}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </button>
        <Link to={cancelTo} className="btn btn-secondary" aria-disabled={saving || undefined}>
          Cancel
        </Link>
        <span className="form-actions-hint muted">Fields marked * are required.</span>
      </div>
    </form>
  );
}
