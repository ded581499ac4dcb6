import styles from './drafts.module.css';

/** The room's notice that the draft is closed: read-only for everyone until the secretariat reopens it. */
export function ClosedBanner({ secretariat, draftId }: { secretariat: boolean; draftId: string }) {
  return (
    <div className={`banner ${styles.closedBanner}`} role="status" data-testid="closed-banner">
      <p>
        <strong>Closed — read-only.</strong> The text of this draft was adopted: nobody can change it, take positions or comment. It can still be read, searched
        and exported.
        {secretariat ? (
          <>
            {' '}
            <a href={`/drafts/${draftId}/settings#state`}>Reopen it in the draft settings</a> (a reason is recorded).
          </>
        ) : null}
      </p>
    </div>
  );
}
