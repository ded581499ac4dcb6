import type { Metadata } from 'next';
import Link from 'next/link';
import { getServices } from '@/server/services-registry';
import { AppHeader } from '../_components/app-header';
import { DraftList } from '../_components/drafts/draft-list';
import { requireIdentityOrRedirect } from '../_server/current-identity';

export const metadata: Metadata = { title: 'Drafts' };
export const dynamic = 'force-dynamic';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export default async function DraftsPage() {
  const identity = await requireIdentityOrRedirect('/drafts');
  const drafts = await getServices().drafts.listForUser(identity);

  return (
    <>
      <AppHeader identity={identity} />
      <main id="main" className="page page--narrow">
        <div className="page-heading">
          <h1>Drafts</h1>
          <p className="page-heading__lede">
            {drafts.length === 0
              ? 'Negotiating texts shared with you appear here.'
              : `${plural(drafts.length, 'negotiating text is', 'negotiating texts are')} shared with you, most recently changed first.`}
          </p>
          {identity.role === 'secretariat' ? (
            <p style={{ marginTop: 14 }}>
              <Link href="/drafts/new" className="button button--primary" data-testid="new-draft">
                New draft
              </Link>
            </p>
          ) : null}
        </div>
        {drafts.length === 0 ? (
          <div className="empty-state">
            <h2>Nothing here yet</h2>
            <p>
              {identity.role === 'secretariat'
                ? 'Start a consultation with “New draft”: empty, from pasted text, or from the chair’s Word zero draft.'
                : 'No drafts are shared with you yet. The secretariat invites delegations to drafts.'}
            </p>
          </div>
        ) : (
          <DraftList drafts={drafts} />
        )}
      </main>
    </>
  );
}
