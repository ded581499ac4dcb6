'use client';

import { signIn } from 'next-auth/react';
import { useId, useState, type FormEvent } from 'react';

interface SignInFormProps {
  callbackUrl: string;
  oidc: { name: string } | null;
  initialError: string | null;
}

const WRONG_CREDENTIALS = 'Wrong email or password. Check both and try again.';

export function SignInForm({ callbackUrl, oidc, initialError }: SignInFormProps) {
  const emailId = useId();
  const passwordId = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState<'credentials' | 'oidc' | null>(null);
  const [error, setError] = useState<string | null>(initialError);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setError(null);
    setPending('credentials');
    try {
      const result = await signIn('credentials', { email, password, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        // A full navigation, so that server components read the new session cookie.
        window.location.assign(callbackUrl);
        return;
      }
      setError(
        result?.error === 'CredentialsSignin' || result?.status === 401
          ? WRONG_CREDENTIALS
          : result?.status === 429
            ? 'Too many attempts. Wait a minute, then try again.'
            : result?.error
              ? WRONG_CREDENTIALS
              : 'The server did not answer. Check your connection and try again.',
      );
      setPending(null);
    } catch {
      setError('The server did not answer. Check your connection and try again.');
      setPending(null);
    }
  }

  async function onOidc() {
    setError(null);
    setPending('oidc');
    try {
      await signIn('oidc', { callbackUrl });
    } catch {
      setError('The sign-in service did not answer. Try again in a moment.');
      setPending(null);
    }
  }

  return (
    <div className="signin-form-wrap">
      {error ? (
        <div role="alert" className="notice notice--error">
          {error}
        </div>
      ) : null}
      <form className="signin-form" onSubmit={onSubmit} noValidate={false}>
        <div className="field">
          <label htmlFor={emailId}>Email</label>
          <input
            id={emailId}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={error === WRONG_CREDENTIALS ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>Password</label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error === WRONG_CREDENTIALS ? true : undefined}
          />
        </div>
        <button type="submit" className="button button--primary button--block" disabled={pending !== null}>
          {pending === 'credentials' ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidc ? (
        <>
          <div className="divider" role="separator">
            <span>or</span>
          </div>
          <button type="button" className="button button--secondary button--block" onClick={onOidc} disabled={pending !== null}>
            {pending === 'oidc' ? 'Redirecting…' : `Sign in with ${oidc.name}`}
          </button>
        </>
      ) : null}
    </div>
  );
}
