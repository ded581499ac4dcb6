/**
 * One turn of the event loop: I/O that arrived meanwhile (an edit, say) is handled
 * before the caller goes on. Background work that would otherwise run as one long chain
 * of promises (each database call of the embedded database runs synchronously in the
 * thread) awaits this between steps, so that it never holds up the relay of an edit for
 * more than one step.
 */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
