/**
 * Positions, clause status and silence procedures: server-authoritative rows,
 * validated, authorised and audited, then pushed live to the draft's room. This is
 * the facade the composition root builds; each use case lives in its own file
 * (set-position.ts, clause-status.ts, silence.ts, silence-completion.ts) and the
 * permission rules in lib/authz/negotiation.ts.
 */
import { createClauseStatusUseCases } from './clause-status';
import { createConsensus } from './consensus';
import { createNegotiationContext, type NegotiationServiceOptions } from './context';
import { createPositionUseCases } from './set-position';
import { createMandateUseCases } from './mandates';
import { createPositionConfirmations } from './confirm-positions';
import { createSilenceUseCases } from './silence';
import { createSilenceCompletion } from './silence-completion';
import { createStatusChanges } from './status-changes';

export type { NegotiationPublisher, NegotiationServiceOptions } from './context';
export type { PositionInput } from './set-position';

export function createNegotiationService(options: NegotiationServiceOptions) {
  const ctx = createNegotiationContext(options);
  const consensus = createConsensus(ctx);
  const changes = createStatusChanges(ctx);
  return {
    computeConsensus: consensus.computeFor,
    publishConsensus: consensus.publishConsensus,
    ...createPositionUseCases(ctx, consensus),
    ...createPositionConfirmations(ctx, consensus),
    ...createMandateUseCases(ctx),
    ...createClauseStatusUseCases(ctx, consensus, changes),
    ...createSilenceUseCases(ctx, consensus, changes),
    ...createSilenceCompletion(ctx, consensus, changes),
  };
}

export type NegotiationService = ReturnType<typeof createNegotiationService>;
