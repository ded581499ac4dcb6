import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getServices } from '@/server/services-registry';
import { AppHeader } from '../../_components/app-header';
import { NewDraftForm } from '../../_components/drafts/new-draft-form';
import { requireIdentityOrRedirect } from '../../_server/current-identity';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('drafts');
  return { title: t('newDraft') };
}
export const dynamic = 'force-dynamic';

/** The secretariat starts a draft: empty, from pasted text or Markdown, or from a Word zero draft. */
export default async function NewDraftPage() {
  const identity = await requireIdentityOrRedirect('/drafts/new');
  if (identity.role !== 'secretariat') notFound();
  const delegations = await getServices().draftAdmin.listDelegations(identity);
  const t = await getTranslations('drafts');
  return (
    <>
      <AppHeader identity={identity} trail={<span className="breadcrumb__current">{t('newDraft')}</span>} />
      <main id="main" className="page page--narrow">
        <div className="page-heading">
          <h1>{t('newDraft')}</h1>
          <p className="page-heading__lede">{t('new.lede')}</p>
        </div>
        <NewDraftForm delegations={delegations} />
      </main>
    </>
  );
}
