import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/errors/app-error';
import { getServices } from '@/server/services-registry';
import { AppHeader } from '../../../_components/app-header';
import { DraftSettingsForm } from '../../../_components/drafts/draft-settings-form';
import { requireIdentityOrRedirect } from '../../../_server/current-identity';

export const metadata: Metadata = { title: 'Draft settings' };
export const dynamic = 'force-dynamic';

/** The secretariat's settings of one draft: title, mandate, delegations, close and reopen. */
export default async function DraftSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const identity = await requireIdentityOrRedirect(`/drafts/${encodeURIComponent(id)}/settings`);
  if (identity.role !== 'secretariat') notFound();
  const services = getServices();
  const draft = await services.drafts.getForUser(identity, id).catch((err: unknown) => {
    if (isAppError(err) && err.code === 'not_found') notFound();
    throw err;
  });
  const delegations = await services.draftAdmin.listDelegations(identity);
  return (
    <>
      <AppHeader
        identity={identity}
        trail={
          <Link href={`/drafts/${draft.id}`} className="breadcrumb__current">
            {draft.title}
          </Link>
        }
      />
      <main id="main" className="page page--narrow">
        <div className="page-heading">
          <h1>Draft settings</h1>
          <p className="page-heading__lede">
            <Link href={`/drafts/${draft.id}`}>Back to the draft</Link>
          </p>
        </div>
        <DraftSettingsForm draft={draft} delegations={delegations} />
      </main>
    </>
  );
}
