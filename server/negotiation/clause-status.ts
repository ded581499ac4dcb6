/** Clause statuses set by the secretariat: reading them, and moving a clause along the workflow. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ClauseStatusDto, ConsensusDto } from '@/lib/api/types';
import { clauseStatusRefusal } from '@/lib/authz/negotiation';
import type { Identity } from '@/lib/domain/identity';
import { allowedTransitions, canTransition, needsConsensus } from '@/lib/domain/status-workflow';
import { CLAUSE_STATUS_LABELS, type ClauseStatus } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../audit/audit-log';
import { deliver, statusChangedNotice } from '../notifications/domain-notices';
import { clauses } from '../db/schema';
import { describeOpenBrackets, type ConsensusQueries } from './consensus';
import { conflict, refuse, type NegotiationContext } from './context';
import { toStatusDto } from './dto';
import { recordWithdrawal } from './withdrawal';
import type { StatusChanges } from './status-changes';

/** Why a clause has no consensus, in words, for a refusal to agree it. */
function whyNoConsensus(consensus: ConsensusDto): string {
  return [
    consensus.objecting.length ? `objection from ${consensus.objecting.join(', ')}` : '',
    consensus.missing.length ? `no position (on the current text) from ${consensus.missing.join(', ')}` : '',
    consensus.adRef.length ? `ad referendum: ${consensus.adRef.join(', ')}` : '',
    consensus.reservations.length ? `reservations: ${consensus.reservations.map((r) => `${r.delegation} (${r.reservation})`).join(', ')}` : '',
    consensus.openBrackets ? describeOpenBrackets(consensus) : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export function createClauseStatusUseCases(ctx: NegotiationContext, consensus: ConsensusQueries, changes: StatusChanges) {
  const { db, drafts } = ctx;

  async function clauseStatuses(identity: Identity, draftId: string): Promise<ClauseStatusDto[]> {
    await drafts.requireAccess(identity, draftId);
    const rows = await db
      .select()
      .from(clauses)
      .where(and(eq(clauses.draftId, draftId), isNull(clauses.mergedInto)))
      .orderBy(asc(clauses.ordinal));
    const names = await ctx.userNames(rows.map((r) => r.statusChangedBy));
    return rows.map((r) => toStatusDto(r, names));
  }

  /**
   * Move a clause to another status. Agreeing (ad ref or fully) needs consensus on the
   * current text, or an override reason that is recorded. Throws 403, 409 (refused
   * transition, no consensus, changed meanwhile) or 400 (silence goes through its procedure).
   */
  async function setClauseStatus(
    identity: Identity,
    draftId: string,
    clauseId: string,
    input: { status: ClauseStatus; override?: string },
  ): Promise<ClauseStatusDto> {
    await drafts.requireAccess(identity, draftId);
    const clause = await ctx.clauseOf(draftId, clauseId);
    refuse(clauseStatusRefusal(identity));
    const from = clause.status as ClauseStatus;
    if (from === input.status) throw conflict(`Clause ${clause.number} is already ${CLAUSE_STATUS_LABELS[from].toLowerCase()}.`);
    if (from === 'silence') throw conflict(`Clause ${clause.number} is under a silence procedure: cancel the procedure to change its status.`);
    if (input.status === 'silence')
      throw new AppError('bad_request', { message: 'Start a silence procedure (POST /api/drafts/:id/silence) to put a clause under silence.' });
    // Reinstating returns a withdrawn clause to the status it had (recorded at withdrawal).
    const reinstating = from === 'withdrawn' && input.status === clause.withdrawnFrom;
    if (!canTransition(from, input.status) && !reinstating) {
      const allowed = allowedTransitions(from)
        .map((s) => s)
        .join(', ');
      throw conflict(`A clause that is ${from} cannot become ${input.status}; from ${from} it can become: ${allowed}.`);
    }
    const override = input.override?.trim() || null;
    if (needsConsensus(input.status) && !reinstating) {
      const [current] = await consensus.computeFor(draftId, [clauseId], { fresh: true });
      if (current.state !== 'consensus' && !override) {
        throw conflict(`Clause ${clause.number} has no consensus (${whyNoConsensus(current)}). Give an override reason to record agreement anyway.`);
      }
    }
    const rows = await db.transaction(async (tx) => {
      const updated = await changes.setStatuses(tx, draftId, [{ clauseId, status: input.status }], identity, override, from);
      if (updated.length === 0) throw conflict(`Clause ${clause.number} changed status meanwhile; reload and try again.`);
      const structure = await recordWithdrawal(tx, identity, draftId, clause, from, input.status);
      await writeAudit(tx, {
        actor: identity,
        action: 'clause.status',
        draftId,
        subject: `clause ${clause.number}`,
        details: { clauseId, from, to: input.status, override },
      });
      return { updated: structure ? await tx.select().from(clauses).where(eq(clauses.id, clauseId)) : updated, structure };
    });
    const [dto] = await changes.publishStatuses(draftId, rows.updated, new Map([[identity.userId, identity.name]]));
    if (rows.structure) ctx.publisher.publish(draftId, 'draft:structure', { draftId, change: rows.structure, clauses: await drafts.unsafeClauses(draftId) });
    await deliver(
      ctx.notify,
      ctx.logger,
      statusChangedNotice({ draftId, clause: { id: clause.id, number: clause.number }, from, to: input.status, actor: identity }),
    );
    return dto;
  }

  async function consensusOf(identity: Identity, draftId: string): Promise<ConsensusDto[]> {
    await drafts.requireAccess(identity, draftId);
    return consensus.computeFor(draftId);
  }

  return { clauseStatuses, setClauseStatus, consensus: consensusOf };
}
