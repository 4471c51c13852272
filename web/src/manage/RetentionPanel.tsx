import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { usePermissions } from '../auth/session';
import { Field } from '../integrations/connect/ConnectionFields';
import { errorMessage, ErrorState, LoadingState } from '../ui/States';
import { useTrashSettings, useUpdateTrashSettings } from './hooks';

// The limits of the API's trash settings schema, so the browser refuses what the server would.
const minDays = 1;
const maxDays = 365;

const daysText = (days: number) => `${days.toLocaleString()} ${days === 1 ? 'day' : 'days'}`;

/** Trash → Retention: how long deleted batches stay restorable; only the roles the API lets change it get the form. */
export function RetentionPanel() {
  const { isAdmin } = usePermissions();
  const settings = useTrashSettings();
  let body;
  if (settings.isPending) body = <LoadingState label="Loading the retention…" />;
  else if (settings.isError) body = <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  else {
    const days = settings.data.retentionDays;
    body = (
      <div className="retention-body">
        <div className="retention-text">
          <p>
            Deleted batches stay restorable for <strong>{daysText(days)}</strong>. After that they are purged automatically: the daily purge removes their data
            for good, and the batch stays listed below as Purged.
          </p>
          <p className="muted">
            A change applies to batches deleted from now on. Batches already in the trash keep the purge date they were given (the Purged column below).
          </p>
        </div>
        {isAdmin ? <RetentionForm current={days} /> : <p className="muted small">Only administrators can change the retention.</p>}
      </div>
    );
  }
  return (
    <section className="card retention-panel" aria-labelledby="retention-title">
      <div className="card-header">
        <h3 className="card-title" id="retention-title">
          Retention
        </h3>
      </div>
      <div className="card-pad">{body}</div>
    </section>
  );
}

type Notice = { tone: 'success' | 'info'; text: string };

function RetentionForm({ current }: { current: number }) {
  const update = useUpdateTrashSettings();
  const [text, setText] = useState(String(current));
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  // The server's own check wins: its message lands on the field when it names retentionDays, above the button otherwise.
  const fail = (error: unknown) => {
    const issue = error instanceof ApiError ? error.issues.find((i) => i.path.split('.').includes('retentionDays')) : undefined;
    if (issue) setFieldError(issue.message);
    else setFormError(errorMessage(error));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFieldError(undefined);
    setFormError(null);
    setNotice(null);
    const days = Number(text);
    if (!text.trim() || !Number.isInteger(days) || days < minDays || days > maxDays) {
      setFieldError(`Enter a whole number of days from ${minDays} to ${maxDays}.`);
      return;
    }
    if (days === current) {
      setNotice({ tone: 'info', text: `Nothing to save: the retention is already ${daysText(days)}.` });
      return;
    }
    update.mutate(
      { retentionDays: days },
      {
        onSuccess: (saved) => setNotice({ tone: 'success', text: `Saved. Batches deleted from now on stay restorable for ${daysText(saved.retentionDays)}.` }),
        onError: fail,
      },
    );
  };

  return (
    <form className="retention-form" onSubmit={onSubmit} noValidate>
      <Field id="retention-days" label="Keep deleted batches for" hint={`From ${minDays} to ${maxDays} days.`} error={fieldError}>
        <span className="input-with-unit">
          <input
            id="retention-days"
            type="number"
            inputMode="numeric"
            min={minDays}
            max={maxDays}
            step={1}
            value={text}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'retention-days-hint retention-days-error' : 'retention-days-hint'}
            onChange={(e) => setText(e.target.value)}
          />
          <span className="input-unit">days</span>
          <button type="submit" className="btn btn-primary" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
        </span>
      </Field>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div role="status" aria-live="polite">
        {notice && <p className={`notice notice-${notice.tone} retention-notice`}>{notice.text}</p>}
      </div>
    </form>
  );
}
