import Link from 'next/link';
import { AppHeader } from '../../_components/app-header';
import { currentIdentity } from '../../_server/current-identity';

export default async function DraftNotFound() {
  const identity = await currentIdentity();
  return (
    <>
      {identity ? <AppHeader identity={identity} /> : null}
      <main id="main" className="page page--narrow">
        <div className="empty-state empty-state--page" data-testid="draft-not-found">
          <p className="empty-state__eyebrow">Not found</p>
          <h1>This draft is not available</h1>
          <p>It does not exist, or it is not shared with you. If you expected to see it, ask the secretariat to invite your delegation.</p>
          <p>
            <Link href="/drafts" className="button button--primary">
              Back to your drafts
            </Link>
          </p>
        </div>
      </main>
    </>
  );
}
