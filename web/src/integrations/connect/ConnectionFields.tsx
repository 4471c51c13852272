import type { ReactNode } from 'react';
import type { Provider } from '../../api/integrations';
import { providerLabels } from '../labels';
import { baseUrlExamples, credentialExamples, credentialFields } from './credentials';
import type { ConnectionDraft } from './use-connection-draft';

interface Props {
  provider: Provider;
  draft: ConnectionDraft;
  /** Editing: the credentials are replaced only when something is entered. */
  savedCredentialKeys?: string[];
}

/** URL, name and credentials of a PSA connection; shared by Connect and Edit connection. */
export function ConnectionFields({ provider, draft, savedCredentialKeys }: Props) {
  const editing = savedCredentialKeys !== undefined;
  const { errors } = draft;
  return (
    <>
      <div className="form-grid connection-grid">
        <Field id="connection-url" label="PSA API URL" required error={errors.baseUrl} hint={`For example ${baseUrlExamples[provider]}`}>
          <input
            id="connection-url"
            type="text"
            inputMode="url"
            className="mono"
            spellCheck={false}
            autoComplete="off"
            value={draft.baseUrl}
            placeholder="https://"
            required
            aria-invalid={errors.baseUrl ? true : undefined}
            aria-describedby={describedBy('connection-url', errors.baseUrl)}
            onChange={(e) => draft.setBaseUrl(e.target.value)}
          />
        </Field>
        <Field id="connection-name" label="Name" error={errors.name} hint={`Optional. Shown in psalink; defaults to “${providerLabels[provider]}”.`}>
          <input
            id="connection-name"
            type="text"
            autoComplete="off"
            maxLength={200}
            value={draft.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy('connection-name', errors.name)}
            onChange={(e) => draft.setName(e.target.value)}
          />
        </Field>
      </div>

      <fieldset className="credentials" aria-describedby="credentials-help">
        <legend>{editing ? 'Replace credentials' : 'Credentials'}</legend>
        <p id="credentials-help" className="field-hint">
          {editing
            ? `Saved: ${savedCredentialKeys.join(', ') || 'none'}. Leave empty to keep them; anything entered replaces all of them.`
            : 'Fill in the fields, or paste the JSON object exactly as your PSA (or psalink sim) printed it. Both stay in step. Credentials are stored encrypted and never shown again.'}
        </p>
        <div className="credentials-columns">
          <div className="credentials-fields">
            {credentialFields[provider].map((field) => (
              <div className="field" key={field.key}>
                <label htmlFor={`credential-${field.key}`}>
                  {field.label}
                  {field.optional && <span className="muted"> (optional)</span>}
                </label>
                <input
                  id={`credential-${field.key}`}
                  type={field.secret ? 'password' : 'text'}
                  className="mono"
                  autoComplete={field.secret ? 'new-password' : 'off'}
                  spellCheck={false}
                  value={draft.values[field.key] ?? ''}
                  placeholder={editing ? 'saved' : undefined}
                  onChange={(e) => draft.setField(field.key, e.target.value)}
                />
                {field.hint && <p className="field-hint">{field.hint}</p>}
              </div>
            ))}
          </div>
          <Field id="credentials-json" label="Credentials JSON" error={errors.credentials} className="credentials-json">
            <textarea
              id="credentials-json"
              className="mono"
              rows={9}
              spellCheck={false}
              autoComplete="off"
              value={draft.text}
              placeholder={credentialExamples[provider]}
              aria-invalid={errors.credentials ? true : undefined}
              aria-describedby={errors.credentials ? 'credentials-json-error' : undefined}
              onChange={(e) => draft.setText(e.target.value)}
            />
          </Field>
        </div>
      </fieldset>
    </>
  );
}

const describedBy = (id: string, error: string | undefined) => [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');

interface FieldProps {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error: string | undefined;
  className?: string;
  children: ReactNode;
}

/** Label, control, hint and error, as FormField lays them out (that one is bound to record field definitions). */
export function Field({ id, label, required, hint, error, className, children }: FieldProps) {
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </div>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
