import { useEffect, useState } from 'react';
import { CheckIcon, CopyIcon, EyeIcon, EyeOffIcon } from '../ui/icons';
import { errorMessage } from '../ui/States';
import { copyText, fetchSecret } from './secret';

/** How long a revealed secret stays on screen before it hides itself again. */
const REVEAL_MS = 30_000;

/** A masked secret with Reveal/Hide and Copy; the plain text is held only while shown. */
export function SecretValue({ passwordId, name }: { passwordId: string; name: string }) {
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (secret === null) return;
    const timer = setTimeout(() => setSecret(null), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [secret]);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const toggle = () => (secret === null ? run(async () => setSecret(await fetchSecret(passwordId))) : setSecret(null));
  const copy = () =>
    run(async () => {
      await copyText(secret ?? (await fetchSecret(passwordId)));
      setCopied(true);
    });

  return (
    <div className="secret">
      <span className={`secret-value mono${secret === null ? ' is-masked' : ''}`} aria-label={secret === null ? 'Hidden password' : undefined}>
        {secret ?? '••••••••••••'}
      </span>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => void toggle()} disabled={busy} aria-pressed={secret !== null}>
        {secret === null ? <EyeIcon /> : <EyeOffIcon />}
        {secret === null ? 'Reveal' : 'Hide'}
        <span className="visually-hidden"> password {name}</span>
      </button>
      <button type="button" className="btn btn-ghost btn-sm" onClick={() => void copy()} disabled={busy}>
        {copied ? <CheckIcon /> : <CopyIcon />}
        {copied ? 'Copied' : 'Copy'}
        <span className="visually-hidden"> password {name}</span>
      </button>
      <span role="status" className={error ? 'field-error' : 'visually-hidden'}>
        {error ?? (copied ? 'Password copied to the clipboard' : '')}
      </span>
    </div>
  );
}
