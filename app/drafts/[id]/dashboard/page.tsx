import type { Metadata } from 'next';
import { AppHeader } from '../../../_components/app-header';
import { identityColor } from '../../../_components/identity-color';
import { Dashboard } from '../../../_components/negotiation/dashboard';
import { draftForMetadata, loadNegotiationPage, readOnlyWhenClosed } from '../../../_server/negotiation-page';

export const dynamic = 'force-dynamic';

interface DashboardPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: DashboardPageProps): Promise<Metadata> {
  const { id } = await params;
  const draft = await draftForMetadata(id);
  return { title: draft ? `Dashboard · ${draft.title}` : 'Draft not found' };
}

/** The consensus dashboard of a draft: for everyone who may read it. */
export default async function DashboardPage({ params }: DashboardPageProps) {
  const { id } = await params;
  const { identity, draft, snapshot } = await loadNegotiationPage(id, `/drafts/${encodeURIComponent(id)}/dashboard`);
  const color = identityColor(identity, draft.delegations);
  return (
    <>
      <AppHeader identity={identity} color={color} trail={<span className="breadcrumb__current">{draft.title}</span>} />
      <Dashboard draft={readOnlyWhenClosed(draft)} initial={snapshot} secretariat={identity.role === 'secretariat'} />
    </>
  );
}
