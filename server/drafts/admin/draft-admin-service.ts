/**
 * The secretariat's running of drafts as one service: create (empty, from text, from a
 * DOCX), change, close and reopen, and the delegations to choose from. One file per use
 * case beside this facade; the routes reach it through the services registry.
 */
import type { Identity } from '@/lib/domain/identity';
import type { CreateDelegationRequest, UpdateDraftRequest } from '@/lib/requests/drafts';
import { createDraftAdminContext, requireSecretariat, type DraftAdminOptions } from './context';
import { createDraft, type CreateDraftInput } from './create-draft';
import { createDelegation, listDelegations } from './delegations';
import { updateDraft } from './update-draft';

export function createDraftAdmin(options: DraftAdminOptions) {
  const ctx = createDraftAdminContext(options);
  return {
    /** Routes refuse others before reading a body (403 before 400). */
    requireSecretariat: (identity: Identity) => requireSecretariat(identity, 'runs drafts and delegations'),
    create: (identity: Identity, input: CreateDraftInput) => createDraft(ctx, identity, input),
    update: (identity: Identity, draftId: string, body: UpdateDraftRequest) => updateDraft(ctx, identity, draftId, body),
    listDelegations: (identity: Identity) => listDelegations(ctx, identity),
    createDelegation: (identity: Identity, body: CreateDelegationRequest) => createDelegation(ctx, identity, body),
  };
}

export type DraftAdmin = ReturnType<typeof createDraftAdmin>;
