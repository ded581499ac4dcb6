import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getServices } from '@/server/services-registry';
import { AppHeader } from '../_components/app-header';
import { DraftList } from '../_components/drafts/draft-list';
import { requireIdentityOrRedirect } from '../_server/current-identity';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('drafts');
  return { title: t('title') };
}
export const dynamic = 'force-dynamic';

export default async function DraftsPage() {
  const identity = await requireIdentityOrRedirect('/drafts');
  const drafts = await getServices().drafts.listForUser(identity);
  const t = await getTranslations('drafts');

  return (
    <>
      <AppHeader identity={identity} />
      <main id="main" className="page page--narrow">
        <div className="page-heading">
          <h1>{t('title')}</h1>
          <p className="page-heading__lede">{drafts.length === 0 ? t('ledeEmpty') : t('lede', { count: drafts.length })}</p>
          {identity.role === 'secretariat' ? (
            <p style={{ marginTop: 14 }}>
              <Link href="/drafts/new" className="button button--primary" data-testid="new-draft">
                {t('newDraft')}
              </Link>
            </p>
          ) : null}
        </div>
        {drafts.length === 0 ? (
          <div className="empty-state">
            <h2>{t('emptyTitle')}</h2>
            <p>{identity.role === 'secretariat' ? t('emptySecretariat') : t('emptyOther')}</p>
          </div>
        ) : (
          <DraftList drafts={drafts} />
        )}
      </main>
    </>
  );
}
