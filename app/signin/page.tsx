import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { safeCallbackUrl } from '@/lib/ui/safe-callback-url';
import { getServices } from '@/server/services-registry';
import { SignInLanguageSwitch } from '../_components/i18n/language-switch';
import { currentIdentity } from '../_server/current-identity';
import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signin');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

type SignInT = Awaited<ReturnType<typeof getTranslations<'signin'>>>;

/** NextAuth's error codes (pages.error is /signin), in words for the person signing in. */
function describeAuthError(code: string | undefined, t: SignInT): string | null {
  switch (code) {
    case undefined:
    case '':
      return null;
    case 'CredentialsSignin':
      return t('wrongCredentials');
    case 'AccessDenied':
      return t('accessDenied');
    case 'SessionRequired':
      return t('sessionRequired');
    default:
      return t('failed');
  }
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await currentIdentity()) redirect(callbackUrl);

  const { oidc } = getServices();
  const t = await getTranslations('signin');
  const error = Array.isArray(params.error) ? params.error[0] : params.error;

  return (
    <div className="signin-page">
      <main id="main" className="signin-card">
        <div className="signin-brand">
          <span className="wordmark wordmark--large" aria-hidden="true">
            Accord
          </span>
          <h1 className="signin-title">{t('title')}</h1>
          <p className="signin-lede">{t('lede')}</p>
        </div>
        <SignInForm callbackUrl={callbackUrl} oidc={oidc.enabled ? { name: oidc.name } : null} initialError={describeAuthError(error, t)} />
        <p className="signin-note">{t('note')}</p>
        <SignInLanguageSwitch />
      </main>
    </div>
  );
}
