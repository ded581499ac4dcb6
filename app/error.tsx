'use client';

import Link from 'next/link';

/** Unexpected failures while rendering a page: say so plainly and offer a way forward. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="page page--narrow">
      <div className="empty-state empty-state--page" role="alert">
        <p className="empty-state__eyebrow">Something went wrong</p>
        <h1>This page could not be shown</h1>
        <p>The server ran into a problem. Your text is safe: edits are stored as they are made. Try again in a moment.</p>
        {error.digest ? <p className="muted small">Reference for the secretariat: {error.digest}</p> : null}
        <p className="button-row">
          <button type="button" className="button button--primary" onClick={() => reset()}>
            Try again
          </button>
          <Link href="/drafts" className="button button--secondary">
            Back to your drafts
          </Link>
        </p>
      </div>
    </main>
  );
}
