import type { ConnectionTest } from '../../api/integrations';
import { AlertIcon, CheckIcon } from '../../ui/icons';
import { testErrorHelp } from '../labels';

/** The answer of a connection test: the PSA's own message, and for a failure what to fix. */
export function TestResult({ result, pending, error }: { result: ConnectionTest | undefined; pending: boolean; error?: string | null }) {
  // Always rendered, so that screen readers hear the result when it arrives.
  return (
    <div className="test-result-slot" role="status" aria-live="polite">
      {pending ? (
        <p className="test-result test-result-pending">
          <span className="spinner" aria-hidden="true" />
          Testing the connection…
        </p>
      ) : error ? (
        <Message ok={false} title="The test could not run" text={error} />
      ) : result ? (
        <Message
          ok={result.ok}
          title={result.ok ? 'Connection works' : 'Connection failed'}
          text={result.message}
          hint={!result.ok && result.errorClass ? testErrorHelp[result.errorClass].hint : undefined}
        />
      ) : null}
    </div>
  );
}

function Message({ ok, title, text, hint }: { ok: boolean; title: string; text: string; hint?: string | undefined }) {
  return (
    <div className={`test-result ${ok ? 'test-result-ok' : 'test-result-error'}`}>
      {ok ? <CheckIcon width={18} height={18} /> : <AlertIcon width={18} height={18} />}
      <div>
        <strong>{title}</strong>
        <p>{text}</p>
        {hint && <p className="test-result-hint">{hint}</p>}
      </div>
    </div>
  );
}
