import { useState, type FormEvent } from 'react';
import type { Provider } from '../../api/integrations';
import { useDocumentTitle } from '../../ui/hooks';
import { PlugIcon } from '../../ui/icons';
import { useConnectIntegration, useTestNewConnection } from '../hooks/use-integration';
import { testErrorHelp } from '../labels';
import { ConnectionFields } from './ConnectionFields';
import { ProviderPicker } from './ProviderPicker';
import { TestResult } from './TestResult';
import { serverErrors, useConnectionDraft, validateDraft } from './use-connection-draft';

/** No integration yet: choose the PSA, enter where it is and how to sign in, test, connect. */
export function ConnectPage() {
  useDocumentTitle('Connect your PSA');
  const [provider, setProvider] = useState<Provider>('connectwise');
  const draft = useConnectionDraft();
  const test = useTestNewConnection();
  const connect = useConnectIntegration();
  const [formError, setFormError] = useState<string | null>(null);

  const checked = () => {
    setFormError(null);
    const valid = validateDraft(draft, provider);
    if (!valid?.credentials) return null;
    return { provider, baseUrl: draft.baseUrl.trim(), credentials: valid.credentials };
  };

  const onTest = () => {
    const input = checked();
    if (!input) return;
    test.mutate(input, {
      onSuccess: (result) => {
        const field = !result.ok && result.errorClass ? testErrorHelp[result.errorClass].field : null;
        if (field) draft.setErrors({ [field]: 'Check this: the connection test failed (see below).' });
      },
      onError: (error) => applyServerErrors(error),
    });
  };

  const onConnect = (event: FormEvent) => {
    event.preventDefault();
    const input = checked();
    if (!input) return;
    const name = draft.name.trim();
    connect.mutate({ ...input, ...(name ? { name } : {}) }, { onError: (error) => applyServerErrors(error) });
  };

  const applyServerErrors = (error: unknown) => {
    const { fields, form } = serverErrors(error);
    draft.setErrors(fields);
    setFormError(form);
  };

  return (
    <section className="card" aria-labelledby="connect-title">
      <div className="card-header">
        <h2 className="card-title" id="connect-title">
          <PlugIcon />
          Connect your PSA
        </h2>
      </div>
      <form className="card-pad connect-form" onSubmit={onConnect} noValidate>
        <p className="muted connect-intro">
          psalink keeps organizations, configurations and contacts in step with your PSA, which stays the source of truth for the fields it owns.
          Passwords, documents and notes live only in psalink; a sync never changes or deletes them.
        </p>
        <ProviderPicker
          value={provider}
          onChange={(next) => {
            setProvider(next);
            test.reset();
            draft.setErrors({});
          }}
        />
        <ConnectionFields provider={provider} draft={draft} />
        <TestResult result={test.data} pending={test.isPending} error={test.isError ? formError : null} />
        {formError && !test.isError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="connect-actions">
          <button type="button" className="btn btn-secondary" onClick={onTest} disabled={test.isPending || connect.isPending}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <button type="submit" className="btn btn-primary" disabled={connect.isPending}>
            {connect.isPending ? 'Connecting…' : 'Connect'}
          </button>
          <span className="muted connect-actions-hint">
            {connect.isPending ? 'Reading the PSA’s types and statuses…' : 'Connecting reads the PSA’s types and statuses; nothing syncs until you start it.'}
          </span>
        </div>
      </form>
    </section>
  );
}
