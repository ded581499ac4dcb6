import type { Metadata } from 'next';
import Link from 'next/link';
import { affiliationLabel } from '@/lib/ui/people';
import { AppHeader } from '../../../_components/app-header';
import { identityColor } from '../../../_components/identity-color';
import { MyDelegation } from '../../../_components/negotiation/my-delegation';
import { NegotiationBar } from '../../../_components/negotiation/negotiation-bar';
import { draftForMetadata, loadNegotiationPage, readOnlyWhenClosed } from '../../../_server/negotiation-page';

export const dynamic = 'force-dynamic';

interface MinePageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: MinePageProps): Promise<Metadata> {
  const { id } = await params;
  const draft = await draftForMetadata(id);
  return { title: draft ? `My delegation · ${draft.title}` : 'Draft not found' };
}

/** What needs the signed-in delegation's attention. Only a participating delegation states positions. */
export default async function MinePage({ params }: MinePageProps) {
  const { id } = await params;
  const { identity, draft, snapshot } = await loadNegotiationPage(id, `/drafts/${encodeURIComponent(id)}/mine`);
  const color = identityColor(identity, draft.delegations);
  const delegation = identity.delegation ? draft.delegations.find((d) => d.code === identity.delegation) : undefined;
  const canState = identity.role === 'delegate' && draft.access === 'write' && delegation?.participation === 'participant';
  const header = <AppHeader identity={identity} color={color} trail={<span className="breadcrumb__current">{draft.title}</span>} />;

  if (!canState || !delegation) {
    const why =
      identity.role === 'secretariat'
        ? 'The secretariat chairs the consultation and records no position of its own. The dashboard shows where every delegation stands.'
        : delegation?.participation === 'observer'
          ? `${delegation.code} follows this draft as an observer and states no positions. The dashboard shows where the participating delegations stand.`
          : 'You follow this draft as an observer: only participating delegations state positions. The dashboard shows where every delegation stands.';
    return (
      <>
        {header}
        <NegotiationBar draftId={draft.id} title={draft.title} active="mine" />
        <main id="main" className="page page--narrow" data-testid="mine" data-delegation="">
          <div className="empty-state empty-state--page" data-testid="mine-not-delegate">
            <p className="empty-state__eyebrow">{affiliationLabel(identity)}</p>
            <h1>No delegation positions to state here</h1>
            <p>{why}</p>
            <p className="button-row">
              <Link href={`/drafts/${encodeURIComponent(draft.id)}/dashboard`} className="button button--primary">
                Open the dashboard
              </Link>
              <Link href={`/drafts/${encodeURIComponent(draft.id)}`} className="button button--secondary">
                Read the text
              </Link>
            </p>
          </div>
        </main>
      </>
    );
  }

  return (
    <>
      {header}
      <MyDelegation draft={readOnlyWhenClosed(draft)} delegation={delegation} initial={snapshot} />
    </>
  );
}
