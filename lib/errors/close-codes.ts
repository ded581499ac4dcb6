/**
 * WebSocket close codes of the Yjs endpoint (and re-used for socket.io error events).
 * 4000-4999 is the range RFC 6455 leaves to applications.
 */
export const CLOSE_CODES = {
  /** Session or token missing or expired: sign in again. */
  unauthenticated: 4401,
  /** The connection tried something its role does not allow (e.g. an observer writing). */
  forbidden: 4403,
  /** The draft does not exist or is not visible. */
  notFound: 4404,
  /** A message could not be decoded. */
  badMessage: 4400,
  /** A message exceeded maxPayload. */
  tooLarge: 4413,
  /** A change went to a clause the secretariat merged into another one: not saved; reload to edit the merged clause. */
  merged: 4409,
  /** Too many messages or bytes per second. */
  rateLimited: 4429,
  /** Rights changed: reconnect so that they are checked again. */
  reauthorise: 4001,
  /** The server is shutting down; reconnect (possibly to another instance). */
  goingAway: 1001,
} as const;

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** Close codes after which a client should not reconnect without user action. */
export const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CLOSE_CODES.unauthenticated, CLOSE_CODES.notFound, CLOSE_CODES.merged]);

/** A sentence for the connection banner, keyed by close code. */
export function describeClose(code: number): string {
  switch (code) {
    case CLOSE_CODES.unauthenticated:
      return 'Your session has ended. Sign in again to keep editing.';
    case CLOSE_CODES.forbidden:
      return 'That change is not allowed for your role; it was not saved.';
    case CLOSE_CODES.notFound:
      return 'This draft no longer exists or is not shared with you.';
    case CLOSE_CODES.badMessage:
      return 'The server could not read a message from this browser. Reconnecting.';
    case CLOSE_CODES.tooLarge:
      return 'A change was too large to send in one go. Reconnecting.';
    case CLOSE_CODES.merged:
      return 'The secretariat merged a clause you were typing in into the clause before it: that change was not saved. Reload to continue in the merged clause.';
    case CLOSE_CODES.rateLimited:
      return 'Too many changes in a short time. Reconnecting shortly.';
    case CLOSE_CODES.reauthorise:
      return 'Your access changed. Reconnecting to check it again.';
    default:
      return 'Connection lost. Your edits are kept here and will sync when it returns.';
  }
}
