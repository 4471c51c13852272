import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Session } from '../api/types';
import { useDocumentTitle } from '../ui/hooks';
import { AlertIcon } from '../ui/icons';
import { errorMessage, LoadingState } from '../ui/States';
import { safeNext, startSession, useSession } from './session';

export function SignInPage() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const session = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => api.post<Session>('/auth/sign-in', { email, password }),
    onSuccess: (result) => {
      startSession(client, result);
      navigate(next, { replace: true });
    },
    onError: () => setPassword(''),
  });

  if (session.isPending) return <LoadingState />;
  if (session.data && !signIn.isPending) return <Navigate to={next} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!signIn.isPending) signIn.mutate();
  };
  return (
    <main className="sign-in">
      <div className="sign-in-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            p
          </span>
          psalink
        </div>
        <h1>Sign in</h1>
        <p className="muted">IT documentation for your customers, in step with your PSA.</p>
        {params.get('next') && !signIn.isError && <p className="notice">Sign in to continue where you left off.</p>}
        {signIn.isError && (
          <div className="form-summary" role="alert">
            <AlertIcon />
            <span>{errorMessage(signIn.error)}</span>
          </div>
        )}
        <form onSubmit={submit} className="sign-in-form">
          <fieldset disabled={signIn.isPending} className="form-fieldset">
            <div className="field">
              <label htmlFor="sign-in-email">Email</label>
              <input id="sign-in-email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="sign-in-password">Password</label>
              <input id="sign-in-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
            </div>
          </fieldset>
          <button type="submit" className="btn btn-primary btn-block" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
