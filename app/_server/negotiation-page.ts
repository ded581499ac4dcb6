/**
 * What the dashboard and "My delegation" pages load on the server before they render:
 * the draft (for the signed-in person, 404 when they may not read it) and a first
 * snapshot of the negotiation, so the page paints with data and goes live from there.
 */
import { notFound } from 'next/navigation';
import type { DraftDetail } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { getServices } from '@/server/services-registry';
import type { NegotiationSnapshot } from '../_components/negotiation/negotiation-state';
import { currentIdentity, requireIdentityOrRedirect } from './current-identity';

/**
 * Errors thrown by the services carry an AppError code. They come from the custom
 * server's copy of lib/ (Next bundles its own), so `instanceof AppError` is not
 * reliable here: compare the code.
 */
function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'not_found';
}

/**
 * The draft as a page shows it: a closed draft is read-only for everyone (the server
 * refuses every write with 409 anyway), so its controls are not offered. The room keeps
 * the real access and follows the state live instead (use-live-draft.ts).
 */
export function readOnlyWhenClosed(draft: DraftDetail): DraftDetail {
  return draft.state === 'closed' ? { ...draft, access: 'read' } : draft;
}

/** The draft for metadata: null when not signed in or not readable (never redirects). */
export async function draftForMetadata(id: string): Promise<DraftDetail | null> {
  const identity = await currentIdentity();
  if (!identity) return null;
  try {
    return await getServices().drafts.getForUser(identity, id);
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/**
 * The signed-in person and the draft with its negotiation snapshot. Redirects to
 * sign-in (coming back to `returnTo`) when not signed in; the draft's not-found page
 * when it does not exist or is not shared with them.
 */
export async function loadNegotiationPage(id: string, returnTo: string): Promise<{ identity: Identity; draft: DraftDetail; snapshot: NegotiationSnapshot }> {
  const identity = await requireIdentityOrRedirect(returnTo);
  const { drafts, negotiation } = getServices();
  try {
    const draft = await drafts.getForUser(identity, id);
    const [statuses, positions, consensus, silence, mandates] = await Promise.all([
      negotiation.clauseStatuses(identity, id),
      negotiation.listPositions(identity, id),
      negotiation.consensus(identity, id),
      negotiation.listSilence(identity, id),
      negotiation.listMandates(identity, id),
    ]);
    return { identity, draft, snapshot: { statuses, positions, consensus, silence, mandates } };
  } catch (err) {
    if (isNotFound(err)) notFound();
    throw err;
  }
}
