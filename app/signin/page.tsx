import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeCallbackUrl } from '@/lib/ui/safe-callback-url';
import { getServices } from '@/server/services-registry';
import { currentIdentity } from '../_server/current-identity';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

/** NextAuth's error codes (pages.error is /signin), in words for the person signing in. */
function describeAuthError(code: string | undefined): string | null {
  switch (code) {
    case undefined:
    case '':
      return null;
    case 'CredentialsSignin':
      return 'Wrong email or password. Check both and try again.';
    case 'AccessDenied':
      return 'This account is not registered with Accord. Ask the secretariat to invite you.';
    case 'SessionRequired':
      return 'Your session has ended. Sign in again to continue.';
    default:
      return 'Signing in did not work this time. Try again, or ask the secretariat if it keeps happening.';
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentIdentity()) redirect(callbackUrl);

  const { oidc } = getServices();
  const error = Array.isArray(params.error) ? params.error[0] : params.error;

  return (
    <div className="signin-page">
      <main id="main" className="signin-card">
        <div className="signin-brand">
          <span className="wordmark wordmark--large" aria-hidden="true">
            Accord
          </span>
          <h1 className="signin-title">Sign in</h1>
          <p className="signin-lede">The drafting room where delegations negotiate one text together, clause by clause, and see every change as it is made.</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} oidc={oidc.enabled ? { name: oidc.name } : null} initialError={describeAuthError(error)} />
        <p className="signin-note">Trying Accord out? The demo accounts are listed in the README and printed in the server log at first start.</p>
      </main>
    </div>
  );
}
