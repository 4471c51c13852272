import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { Credentials, Provider } from '../../api/integrations';
import { errorMessage } from '../../ui/States';
import { providerLabels } from '../labels';
import { formatCredentials, missingCredentials, parseCredentials, withField } from './credentials';

export type ConnectionField = 'name' | 'baseUrl' | 'credentials';
export type FieldErrors = Partial<Record<ConnectionField, string>>;

/**
 * The connection form's state. The credentials live twice, as JSON text and as named fields; both edit one object,
 * and the text is what is sent (so a pasted key the fields do not know is kept).
 */
export function useConnectionDraft(initial: { baseUrl?: string; name?: string } = {}) {
  const [baseUrl, setBaseUrl] = useState(initial.baseUrl ?? '');
  const [name, setName] = useState(initial.name ?? '');
  const [text, setTextState] = useState('');
  const [values, setValues] = useState<Credentials>({});
  const [errors, setErrors] = useState<FieldErrors>({});

  const clear = (field: ConnectionField) => setErrors((current) => ({ ...current, [field]: undefined }));
  return {
    baseUrl,
    name,
    text,
    values,
    errors,
    setErrors,
    setBaseUrl: (value: string) => (setBaseUrl(value), clear('baseUrl')),
    setName: (value: string) => (setName(value), clear('name')),
    setText: (value: string) => {
      setTextState(value);
      const parsed = parseCredentials(value);
      if (parsed.ok) setValues(parsed.value);
      clear('credentials');
    },
    setField: (key: string, value: string) => {
      const next = withField(values, key, value);
      setValues(next);
      setTextState(formatCredentials(next));
      clear('credentials');
    },
  };
}

export type ConnectionDraft = ReturnType<typeof useConnectionDraft>;

/**
 * Checks the form before anything is sent. `credentialsOptional`: editing keeps the saved credentials when the
 * field is left empty. Returns the credentials to send (undefined = keep), or null when there are errors to show.
 */
export function validateDraft(draft: ConnectionDraft, provider: Provider, { credentialsOptional = false } = {}): { credentials: Credentials | undefined } | null {
  const errors: FieldErrors = {};
  const url = draft.baseUrl.trim();
  if (!url) errors.baseUrl = 'Enter the address of the PSA API.';
  else if (!/^https?:\/\/\S+$/i.test(url)) errors.baseUrl = 'Enter the full address, starting with https:// (or http://).';
  let credentials: Credentials | undefined;
  if (!(credentialsOptional && !draft.text.trim())) {
    const parsed = parseCredentials(draft.text);
    if (!parsed.ok) errors.credentials = parsed.message;
    else {
      const missing = missingCredentials(provider, parsed.value);
      if (missing.length > 0) errors.credentials = `${providerLabels[provider]} also needs ${missing.join(', ')}.`;
      credentials = parsed.value;
    }
  }
  draft.setErrors(errors);
  return Object.keys(errors).length > 0 ? null : { credentials };
}

/**
 * The server's validation answer, field by field (issue paths such as `body.baseUrl`); what no field owns comes back
 * as `form`.
 */
export function serverErrors(error: unknown): { fields: FieldErrors; form: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, form: errorMessage(error) };
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.split('.').find((part): part is ConnectionField => part === 'name' || part === 'baseUrl' || part === 'credentials');
    if (field && !fields[field]) fields[field] = issue.message;
  }
  // A missing credential is reported by name rather than as an issue.
  if (Array.isArray((error.details as { missing?: unknown } | undefined)?.missing)) fields.credentials ??= error.message;
  const placed = Object.keys(fields).length > 0;
  return { fields, form: placed && error.code === 'validation_failed' ? null : error.message };
}
