/**
 * The one UUID pattern (ids of drafts, clauses, users, comments, ...): 8-4-4-4-12 hex
 * digits, either case. Route schemas use zod's `.uuid()`; code that checks an id outside
 * a schema (a path segment, a lookup that answers 404 rather than 400) uses these.
 */

export const UUID_SOURCE = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A whole string that is a UUID. */
export const UUID_PATTERN = new RegExp(`^${UUID_SOURCE}$`, 'i');

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Every UUID inside a text (a new RegExp each call: a global pattern keeps state). */
export function uuidsIn(): RegExp {
  return new RegExp(UUID_SOURCE, 'gi');
}
