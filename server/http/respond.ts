/**
 * Helpers shared by route handlers: JSON responses, the AppError → HTTP mapping,
 * body parsing with zod, and the caller's identity.
 */
import type { z } from 'zod';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { UUID_SOURCE } from '@/lib/validation/uuid';
import { getServices } from '../services-registry';
import type { SessionIdentity } from '../auth/request-identity';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });
}

/** Map any thrown value to a JSON error response; unexpected errors are logged, not leaked. */
export function errorResponse(err: unknown): Response {
  if (isAppError(err)) return json(err.toBody(), err.status);
  getServices().logger.error({ err }, 'unhandled error in route handler');
  return json({ error: { code: 'internal', message: 'Something went wrong on the server. Please try again.' } }, 500);
}

/** Wrap a route handler so that every error becomes a clear JSON response. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** The draft id of a state-changing request to a route *under* /api/drafts/:id/ (not the draft itself). */
const DRAFT_SUBROUTE = new RegExp(`^/api/drafts/(${UUID_SOURCE})/.`, 'i');

function draftOfWrite(req: Request): string | null {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  let pathname: string;
  try {
    pathname = new URL(req.url, 'http://localhost').pathname;
  } catch {
    return null;
  }
  return DRAFT_SUBROUTE.exec(pathname)?.[1]?.toLowerCase() ?? null;
}

/**
 * The signed-in caller, or an `unauthenticated` AppError. A state-changing request to
 * any route under /api/drafts/:id/ (positions, status, silence, comments, brackets,
 * alternatives, restore, revisions, clauses…) is also refused with 409 `conflict` when
 * the draft is closed: one guard for every write route, present and future.
 */
export async function requireIdentity(req: Request): Promise<SessionIdentity> {
  if (req.method !== 'GET' && req.method !== 'HEAD' && !getServices().isAllowedOrigin(req.headers.get('origin'), req.headers.get('host'))) {
    throw new AppError('forbidden', { message: 'Cross-site requests are not accepted (Origin not allowed).' });
  }
  const services = getServices();
  const identity = await services.sessions.fromCookieHeader(req.headers.get('cookie'));
  if (!identity) throw new AppError('unauthenticated', { message: 'Sign in to continue.' });
  if (req.method !== 'GET' && req.method !== 'HEAD' && !services.allowWrite(identity.userId)) {
    throw new AppError('rate_limited', { message: 'Too many changes in a short time. Wait a few seconds and try again.' });
  }
  const draftId = draftOfWrite(req);
  if (draftId) await services.drafts.requireOpen(identity, draftId);
  return identity;
}

const MAX_JSON_BYTES = 256 * 1024;

/**
 * Parse a JSON request body with a schema. Requires `Content-Type: application/json`
 * (which also makes cross-site form posts impossible) and lists every problem.
 */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new AppError('bad_request', { message: 'Send the request body as JSON with Content-Type: application/json.' });
  }
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) {
    throw new AppError('payload_too_large', { message: `The request body is larger than ${MAX_JSON_BYTES / 1024} KiB.` });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AppError('bad_request', { message: 'The request body is not valid JSON.' });
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    throw new AppError('bad_request', {
      message: `The request is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    });
  }
  return result.data;
}
