import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <>
      <header className="app-header">
        <Link href="/drafts" className="wordmark" aria-label="Accord, all drafts">
          Accord
        </Link>
      </header>
      <main id="main" className="page page--narrow">
        <div className="empty-state empty-state--page">
          <p className="empty-state__eyebrow">404</p>
          <h1>Page not found</h1>
          <p>There is nothing at this address. Check the link, or start again from your drafts.</p>
          <p>
            <Link href="/drafts" className="button button--primary">
              Go to your drafts
            </Link>
          </p>
        </div>
      </main>
    </>
  );
}
