import type { Metadata } from 'next';
import { AppHeader } from '../../_components/app-header';
import { identityColor } from '../../_components/identity-color';
import { DraftRoomLoader } from '../../_components/draft-room-loader';
import { draftForMetadata, loadNegotiationPage } from '../../_server/negotiation-page';
import { readStaticTexts } from '../../_server/static-texts';

export const dynamic = 'force-dynamic';

interface DraftPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: DraftPageProps): Promise<Metadata> {
  const { id } = await params;
  const draft = await draftForMetadata(id);
  return { title: draft?.title ?? 'Draft not found' };
}

export default async function DraftPage({ params }: DraftPageProps) {
  const { id } = await params;
  // The draft (404 when it is not shared with this person) and the negotiation state, so clauses paint with their consensus;
  // and every clause's text, painted read-only before the editors load.
  const [{ identity, draft, snapshot }, staticTexts] = await Promise.all([loadNegotiationPage(id, `/drafts/${encodeURIComponent(id)}`), readStaticTexts(id)]);
  const color = identityColor(identity, draft.delegations);

  return (
    <>
      <AppHeader identity={identity} color={color} trail={<span className="breadcrumb__current">{draft.title}</span>} />
      <DraftRoomLoader draft={draft} me={{ ...identity, color }} initial={snapshot} staticTexts={staticTexts ?? undefined} />
    </>
  );
}
