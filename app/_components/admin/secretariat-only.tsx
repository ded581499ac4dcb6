import Link from 'next/link';
import type { Identity } from '@/lib/domain/identity';
import { affiliationLabel } from '@/lib/ui/people';

/**
 * What a delegate or observer sees at a secretariat page: a plain explanation and the
 * way back, not a bare 403. The API refuses them anyway; this only says so kindly.
 */
export function SecretariatOnly({ identity, what }: { identity: Identity; what: string }) {
  return (
    <main id="main" className="page page--narrow">
      <div className="empty-state empty-state--page" data-testid="secretariat-only">
        <p className="empty-state__eyebrow">{affiliationLabel(identity)}</p>
        <h1>This page is for the secretariat</h1>
        <p>{what} is kept by the secretariat that chairs the consultation. If you need an account changed or a record checked, ask the secretariat.</p>
        <p className="button-row">
          <Link href="/drafts" className="button button--primary">
            Back to your drafts
          </Link>
        </p>
      </div>
    </main>
  );
}
