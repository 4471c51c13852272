import { useState, type FormEvent } from 'react';
import type { Integration } from '../../api/integrations';
import { EditIcon } from '../../ui/icons';
import { ConnectionFields } from '../connect/ConnectionFields';
import { TestResult } from '../connect/TestResult';
import { serverErrors, useConnectionDraft, validateDraft } from '../connect/use-connection-draft';
import { useTestNewConnection, useUpdateIntegration, type IntegrationUpdate } from '../hooks/use-integration';

/** Change the name, the URL, or replace the credentials (all of them: the saved values are never shown). */
export function EditConnectionForm({ integration, onDone }: { integration: Integration; onDone: () => void }) {
  const draft = useConnectionDraft({ baseUrl: integration.baseUrl, name: integration.name });
  const update = useUpdateIntegration(integration.id);
  const test = useTestNewConnection();
  const [formError, setFormError] = useState<string | null>(null);
  const provider = integration.provider;

  const fail = (error: unknown) => {
    const { fields, form } = serverErrors(error);
    draft.setErrors(fields);
    setFormError(form);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const valid = validateDraft(draft, provider, { credentialsOptional: true });
    if (!valid) return;
    const body: IntegrationUpdate = {};
    const name = draft.name.trim();
    if (name && name !== integration.name) body.name = name;
    if (draft.baseUrl.trim() !== integration.baseUrl) body.baseUrl = draft.baseUrl.trim();
    if (valid.credentials) body.credentials = valid.credentials;
    if (Object.keys(body).length === 0) {
      setFormError('Nothing changed.');
      return;
    }
    update.mutate(body, { onSuccess: onDone, onError: fail });
  };

  // Saved credentials cannot be combined with a new URL in a test; new ones can be tried before saving.
  const onTest = () => {
    setFormError(null);
    const valid = validateDraft(draft, provider);
    if (valid?.credentials) test.mutate({ provider, baseUrl: draft.baseUrl.trim(), credentials: valid.credentials }, { onError: fail });
  };

  return (
    <section className="card overview-wide" aria-labelledby="edit-connection-title">
      <div className="card-header">
        <h2 className="card-title" id="edit-connection-title">
          <EditIcon />
          Edit connection
        </h2>
      </div>
      <form className="card-pad connect-form" onSubmit={onSubmit} noValidate>
        <ConnectionFields provider={provider} draft={draft} savedCredentialKeys={integration.credentialKeys} />
        <TestResult result={test.data} pending={test.isPending} error={null} />
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="connect-actions">
          <button type="submit" className="btn btn-primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save connection'}
          </button>
          <button type="button" className="btn btn-secondary" onClick={onTest} disabled={test.isPending || !draft.text.trim()} title={draft.text.trim() ? undefined : 'Enter new credentials to test them before saving'}>
            {test.isPending ? 'Testing…' : 'Test new credentials'}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onDone} disabled={update.isPending}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
