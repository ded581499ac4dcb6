import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getServices } from '@/server/services-registry';
import { AppHeader } from '../../_components/app-header';
import { NewDraftForm } from '../../_components/drafts/new-draft-form';
import { requireIdentityOrRedirect } from '../../_server/current-identity';

export const metadata: Metadata = { title: 'New draft' };
export const dynamic = 'force-dynamic';

/** The secretariat starts a draft: empty, from pasted text or Markdown, or from a Word zero draft. */
export default async function NewDraftPage() {
  const identity = await requireIdentityOrRedirect('/drafts/new');
  if (identity.role !== 'secretariat') notFound();
  const delegations = await getServices().draftAdmin.listDelegations(identity);
  return (
    <>
      <AppHeader identity={identity} trail={<span className="breadcrumb__current">New draft</span>} />
      <main id="main" className="page page--narrow">
        <div className="page-heading">
          <h1>New draft</h1>
          <p className="page-heading__lede">Choose the delegations and where the text comes from. A preview shows the clauses before anything is created.</p>
        </div>
        <NewDraftForm delegations={delegations} />
      </main>
    </>
  );
}
