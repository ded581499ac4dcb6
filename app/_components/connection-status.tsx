'use client';

import Link from 'next/link';
import { CLOSE_CODES, describeClose } from '@/lib/errors/close-codes';
import type { ConnectionState } from './use-collab';

function changes(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}

/** The text is on screen (from the server or from the local copy), so the person can keep working. */
function hasText(c: ConnectionState): boolean {
  return c.everSynced || c.localReady;
}

function pillText(c: ConnectionState): string {
  if (c.terminal) return 'Disconnected';
  if (c.status === 'connected') {
    if (c.pending > 0) return `Syncing ${changes(c.pending)}…`;
    return c.synced ? 'Live' : hasText(c) ? 'Syncing…' : 'Loading text…';
  }
  if (hasText(c)) return `Offline — ${c.pending > 0 ? changes(c.pending) : 'no changes'} waiting`;
  return c.status === 'connecting' ? 'Connecting…' : 'Offline';
}

/** The small always-visible pill: connection state and whether the text is in sync. */
export function ConnectionPill({ connection }: { connection: ConnectionState }) {
  const tone = connection.terminal
    ? 'error'
    : connection.status === 'connected' && connection.synced && connection.pending === 0
      ? 'ok'
      : connection.status === 'disconnected'
        ? 'warn'
        : 'pending';
  return (
    <span
      className={`pill pill--${tone}`}
      data-testid="connection-status"
      data-state={connection.status}
      data-synced={connection.synced ? 'true' : 'false'}
      data-pending={connection.pending}
      role="status"
      aria-live="polite"
    >
      <span className="pill__dot" aria-hidden="true" />
      {pillText(connection)}
    </span>
  );
}

/**
 * The banner under the room bar when the connection needs explaining: offline (keep
 * typing), a reason the server gave for closing, or a dead end that needs the person.
 */
export function ConnectionBanner({ connection, draftId }: { connection: ConnectionState; draftId: string }) {
  if (connection.terminal) {
    const code = connection.closeCode ?? CLOSE_CODES.unauthenticated;
    return (
      <div className="banner banner--error" role="alert">
        <p>{describeClose(code)}</p>
        {code === CLOSE_CODES.unauthenticated ? (
          <a className="button button--primary button--small" href={`/signin?callbackUrl=${encodeURIComponent(`/drafts/${draftId}`)}`}>
            Sign in again
          </a>
        ) : code === CLOSE_CODES.merged ? (
          <button type="button" className="button button--primary button--small" onClick={() => window.location.reload()}>
            Reload the text
          </button>
        ) : (
          <Link className="button button--secondary button--small" href="/drafts">
            Back to your drafts
          </Link>
        )}
      </div>
    );
  }
  const offline = connection.status !== 'connected';
  const reason = connection.closeCode !== null ? describeClose(connection.closeCode) : null;
  if (offline && hasText(connection)) {
    return (
      <div className="banner banner--warn" role="status">
        <p>
          <strong>Offline — you can keep typing; your edits will sync when the connection returns.</strong>
          {reason && connection.closeCode !== null && connection.closeCode >= 4000 ? <span> {reason}</span> : null}
        </p>
      </div>
    );
  }
  if (offline && connection.status === 'disconnected') {
    return (
      <div className="banner banner--warn" role="status">
        <p>
          <strong>Cannot reach the server yet.</strong> Retrying on its own; the text appears as soon as it connects.
          {reason ? <span> {reason}</span> : null}
        </p>
      </div>
    );
  }
  if (!offline && reason && connection.closeCode !== null && connection.closeCode >= 4000) {
    return (
      <div className="banner banner--info" role="status">
        <p>{reason}</p>
      </div>
    );
  }
  return null;
}
