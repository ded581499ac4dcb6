/**
 * The clause structure of a draft while the talks run, the secretariat's to change: add,
 * rename, reorder, split and merge clauses (withdrawing and reinstating go through the
 * clause status). One file per use case; this facade only binds them to their context.
 */
import type { Identity } from '@/lib/domain/identity';
import { addClause, type AddClauseInput } from './add-clause';
import { createStructureContext, type StructureServiceOptions } from './context';
import { mergeClause } from './merge-clause';
import { renameClause } from './rename-clause';
import { reorderClauses } from './reorder-clauses';
import { splitClause } from './split-clause';

export function createStructureService(options: StructureServiceOptions) {
  const ctx = createStructureContext(options);
  return {
    /** For routes: refuse a caller who may not change the structure before reading the body (404, 403, 409 closed). */
    requireSecretariat: (identity: Identity, draftId: string) => ctx.requireSecretariat(identity, draftId),
    addClause: (identity: Identity, draftId: string, input: AddClauseInput) => addClause(ctx, identity, draftId, input),
    renameClause: (identity: Identity, draftId: string, clauseId: string, input: { title: string }) => renameClause(ctx, identity, draftId, clauseId, input),
    reorderClauses: (identity: Identity, draftId: string, input: { clauseIds: string[] }) => reorderClauses(ctx, identity, draftId, input),
    splitClause: (identity: Identity, draftId: string, clauseId: string, input: { paragraph: number; title?: string }) =>
      splitClause(ctx, identity, draftId, clauseId, input),
    mergeClause: (identity: Identity, draftId: string, clauseId: string) => mergeClause(ctx, identity, draftId, clauseId),
  };
}

export type StructureService = ReturnType<typeof createStructureService>;
