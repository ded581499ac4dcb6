import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DRAFT_START, parsePoint } from '@/lib/history/point';
import { getServices } from '@/server/services-registry';
import { AppHeader } from '../../../_components/app-header';
import { HistoryView, type HistoryState, type HistoryTab } from '../../../_components/history/history-view';
import { identityColor } from '../../../_components/identity-color';
import { requireIdentityOrRedirect } from '../../../_server/current-identity';
import { draftForMetadata, readOnlyWhenClosed } from '../../../_server/negotiation-page';

export const dynamic = 'force-dynamic';

interface HistoryPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: HistoryPageProps): Promise<Metadata> {
  const { id } = await params;
  const draft = await draftForMetadata(id);
  return { title: draft ? `History · ${draft.title}` : 'Draft not found' };
}

const VIEWS: HistoryTab[] = ['timeline', 'compare', 'four-column', 'authorship', 'revision'];

/** A point from the query string, or the fallback when absent or not a point. */
function point(value: string | string[] | undefined, fallback: string): string {
  const raw = typeof value === 'string' ? value : undefined;
  return raw && parsePoint(raw).ok ? raw : fallback;
}

/** The history of a draft (timeline, compare, authorship, revisions): for everyone who may read it. */
export default async function HistoryPage({ params, searchParams }: HistoryPageProps) {
  const { id } = await params;
  const query = await searchParams;
  const identity = await requireIdentityOrRedirect(`/drafts/${encodeURIComponent(id)}/history`);
  let draft;
  try {
    draft = await getServices().drafts.getForUser(identity, id);
  } catch (err) {
    if (typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'not_found') notFound();
    throw err;
  }
  const view = typeof query.view === 'string' && (VIEWS as string[]).includes(query.view) ? (query.view as HistoryTab) : 'timeline';
  const rev = typeof query.rev === 'string' && /^\d{1,9}$/.test(query.rev) ? Number(query.rev) : null;
  // Compare opens on the newest revision, or on the draft's start while there is none.
  const revisions = query.from === undefined ? await getServices().history.listRevisions(identity, id) : [];
  const defaultFrom = revisions[0] ? `rev:${revisions[0].number}` : DRAFT_START;
  const initial: HistoryState = {
    view: view === 'revision' && !rev ? 'timeline' : view,
    from: point(query.from, defaultFrom),
    to: point(query.to, 'now'),
    at: point(query.at, 'now'),
    rev,
  };
  const color = identityColor(identity, draft.delegations);
  const shown = readOnlyWhenClosed(draft);
  return (
    <>
      <AppHeader identity={identity} color={color} trail={<span className="breadcrumb__current">{draft.title}</span>} />
      <HistoryView
        draft={shown}
        secretariat={identity.role === 'secretariat' && shown.access === 'write'}
        adoption={identity.role === 'secretariat' ? { closed: draft.state === 'closed', clauses: draft.clauses } : undefined}
        initial={initial}
      />
    </>
  );
}
