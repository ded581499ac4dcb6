import type { Metadata } from 'next';
import Link from 'next/link';
import type { DraftSummary } from '@/lib/api/types';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { getServices } from '@/server/services-registry';
import { AppHeader } from '../_components/app-header';
import { requireIdentityOrRedirect } from '../_server/current-identity';

export const metadata: Metadata = { title: 'Drafts' };
export const dynamic = 'force-dynamic';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function DraftCard({ draft }: { draft: DraftSummary }) {
  const titleId = `draft-title-${draft.id}`;
  const metaId = `draft-meta-${draft.id}`;
  return (
    <li>
      <Link href={`/drafts/${draft.id}`} className="draft-card" data-testid="draft-card" aria-labelledby={titleId} aria-describedby={metaId}>
        <div className="draft-card__top">
          <h2 className="draft-card__title" id={titleId}>
            {draft.title}
          </h2>
          {draft.access === 'read' ? <span className="tag tag--muted">Read only</span> : <span className="tag tag--write">You can edit</span>}
        </div>
        {draft.description ? <p className="draft-card__description">{draft.description}</p> : null}
        <dl className="draft-card__meta" id={metaId}>
          <div>
            <dt className="visually-hidden">Clauses</dt>
            <dd>{plural(draft.clauseCount, 'clause', 'clauses')}</dd>
          </div>
          <div>
            <dt className="visually-hidden">Delegations</dt>
            <dd>{plural(draft.delegationCount, 'delegation', 'delegations')}</dd>
          </div>
          <div>
            <dt>Updated</dt>
            <dd>
              <time dateTime={draft.updatedAt}>{formatDateTimeUtc(draft.updatedAt)}</time>
            </dd>
          </div>
        </dl>
        <span className="draft-card__open" aria-hidden="true">
          Open draft →
        </span>
      </Link>
    </li>
  );
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
        </div>
        {drafts.length === 0 ? (
          <div className="empty-state">
            <h2>Nothing here yet</h2>
            <p>No drafts are shared with you yet. The secretariat invites delegations to drafts.</p>
          </div>
        ) : (
          <ul className="draft-list" role="list">
            {drafts.map((draft) => (
              <DraftCard key={draft.id} draft={draft} />
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
