'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';

interface SignInFormProps {
  callbackUrl: string;
  oidc: { name: string } | null;
  initialError: string | null;
}

export function SignInForm({ callbackUrl, oidc, initialError }: SignInFormProps) {
  const t = useTranslations('signin');
  const WRONG_CREDENTIALS = t('wrongCredentials');
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
            ? t('tooManyAttempts')
            : result?.error
              ? WRONG_CREDENTIALS
              : t('noAnswer'),
      );
      setPending(null);
    } catch {
      setError(t('noAnswer'));
      setPending(null);
    }
  }

  async function onOidc() {
    setError(null);
    setPending('oidc');
    try {
      await signIn('oidc', { callbackUrl });
    } catch {
      setError(t('oidcNoAnswer'));
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
          <label htmlFor={emailId}>{t('email')}</label>
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
          <label htmlFor={passwordId}>{t('password')}</label>
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
          {pending === 'credentials' ? t('signingIn') : t('submit')}
        </button>
      </form>
      {oidc ? (
        <>
          <div className="divider" role="separator">
            <span>{t('or')}</span>
          </div>
          <button type="button" className="button button--secondary button--block" onClick={onOidc} disabled={pending !== null}>
            {pending === 'oidc' ? t('redirecting') : t('withProvider', { provider: oidc.name })}
          </button>
        </>
      ) : null}
    </div>
  );
}
