/**
 * Mandates (proxies): a delegation authorises another to state its positions, on every
 * clause or listed ones, until a date or until revoked. Listing, giving (a delegate of the
 * giving delegation, or the secretariat recording a letter) and revoking (immediate).
 * The rules are in lib/authz/mandates.ts; using a mandate is in set-position.ts and silence.ts.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { MandateDto } from '@/lib/api/types';
import { giveMandateRefusal, mandateState, revokeMandateRefusal, type MandateTerms } from '@/lib/authz/mandates';
import type { Identity } from '@/lib/domain/identity';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import { writeAudit } from '../audit/audit-log';
import { deliver, mandateNotice } from '../notifications/domain-notices';
import type { Database } from '../db/client';
import { mandates } from '../db/schema';
import { conflict, notFound, refuse, type NegotiationContext } from './context';

type MandateRow = typeof mandates.$inferSelect;

export interface MandateInput {
  from: DelegationCode;
  to: DelegationCode;
  clauseIds?: string[];
  until?: Date;
  breakSilence?: boolean;
  note?: string;
}

/** Every mandate (any state) that `from` gave `to` in a draft: what lib/authz/mandates.ts decides on. */
export async function mandatesBetween(db: Database, draftId: string, from: DelegationCode, to: DelegationCode): Promise<MandateTerms[]> {
  const rows = await db
    .select()
    .from(mandates)
    .where(and(eq(mandates.draftId, draftId), eq(mandates.fromDelegation, from), eq(mandates.toDelegation, to)));
  return rows.map(toTerms);
}

function toTerms(r: MandateRow): MandateTerms {
  return { from: r.fromDelegation, to: r.toDelegation, clauseIds: r.clauseIds ?? null, until: r.until, breakSilence: r.breakSilence, revokedAt: r.revokedAt };
}

function toMandateDto(r: MandateRow, names: Map<string, string>, now: Date): MandateDto {
  return {
    id: r.id,
    draftId: r.draftId,
    from: r.fromDelegation,
    to: r.toDelegation,
    clauseIds: r.clauseIds ?? null,
    until: r.until ? r.until.toISOString() : null,
    breakSilence: r.breakSilence,
    ...(r.note ? { note: r.note } : {}),
    byLetter: r.byLetter,
    createdAt: r.createdAt.toISOString(),
    createdBy: (r.createdBy && names.get(r.createdBy)) || 'unknown',
    ...(r.revokedAt ? { revokedAt: r.revokedAt.toISOString() } : {}),
    ...(r.revokedBy ? { revokedBy: names.get(r.revokedBy) ?? 'unknown' } : {}),
    state: mandateState(toTerms(r), now),
  };
}

export function createMandateUseCases(ctx: NegotiationContext) {
  const { db, drafts, publisher } = ctx;

  async function dtos(rows: MandateRow[]): Promise<MandateDto[]> {
    const names = await ctx.userNames(rows.flatMap((r) => [r.createdBy, r.revokedBy]));
    const now = new Date();
    return rows.map((r) => toMandateDto(r, names, now));
  }

  /** Every mandate of the draft, newest first: mandates are public to the draft's readers, like positions. */
  async function listMandates(identity: Identity, draftId: string): Promise<MandateDto[]> {
    await drafts.requireAccess(identity, draftId);
    const rows = await db.select().from(mandates).where(eq(mandates.draftId, draftId)).orderBy(desc(mandates.createdAt));
    return dtos(rows);
  }

  async function giveMandate(identity: Identity, draftId: string, input: MandateInput): Promise<MandateDto> {
    const access = await drafts.requireAccess(identity, draftId);
    const membership = await drafts.unsafeMembership(draftId);
    refuse(giveMandateRefusal(identity, access, input.from, input.to, (code) => membership?.delegations.get(code)));
    if (input.until && input.until.getTime() <= Date.now()) throw new AppError('bad_request', { message: 'The mandate must end in the future.' });
    const clauseIds = input.clauseIds ? [...new Set(input.clauseIds)] : null;
    const numbers = clauseIds ? await Promise.all(clauseIds.map((id) => ctx.clauseOf(draftId, id).then((c) => c.number))) : null;
    if (clauseIds && clauseIds.length === 0) throw new AppError('bad_request', { message: 'List at least one clause, or none for every clause.' });
    const note = input.note?.trim() || null;
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(mandates)
        .values({
          draftId,
          fromDelegation: input.from,
          toDelegation: input.to,
          clauseIds,
          until: input.until ?? null,
          breakSilence: input.breakSilence ?? false,
          note,
          byLetter: identity.role === 'secretariat',
          createdBy: identity.userId,
        })
        .returning();
      await writeAudit(tx, {
        actor: identity,
        action: 'mandate.given',
        draftId,
        subject: `${input.to} for ${input.from}`,
        details: {
          mandateId: created.id,
          from: input.from,
          to: input.to,
          clauses: numbers ?? 'all',
          clauseIds,
          until: input.until?.toISOString() ?? null,
          breakSilence: created.breakSilence,
          byLetter: created.byLetter,
          note,
        },
      });
      return created;
    });
    const [dto] = await dtos([row]);
    publisher.publish(draftId, 'mandate:updated', { draftId, mandate: dto });
    await announce(identity, dto, 'given');
    return dto;
  }

  /** Both delegations and the secretariat hear of a mandate given or revoked (their bells). */
  async function announce(identity: Identity, dto: MandateDto, event: 'given' | 'revoked'): Promise<void> {
    const numbers = dto.clauseIds ? await Promise.all(dto.clauseIds.map((id) => ctx.clauseOf(dto.draftId, id).then((c) => c.number))) : [];
    await deliver(
      ctx.notify,
      ctx.logger,
      mandateNotice({
        draftId: dto.draftId,
        mandateId: dto.id,
        event,
        from: dto.from,
        to: dto.to,
        clauseNumbers: numbers.filter((n): n is number => typeof n === 'number'),
        until: dto.until ? new Date(dto.until) : null,
        actor: identity,
      }),
    );
  }

  /** Revoking takes effect at once: the next position stated under it is refused. */
  async function revokeMandate(identity: Identity, draftId: string, mandateId: string): Promise<MandateDto> {
    await drafts.requireAccess(identity, draftId);
    if (!/^[0-9a-f-]{36}$/i.test(mandateId)) throw notFound('No such mandate in this draft.');
    const [existing] = await db
      .select()
      .from(mandates)
      .where(and(eq(mandates.id, mandateId), eq(mandates.draftId, draftId)))
      .limit(1);
    if (!existing) throw notFound('No such mandate in this draft.');
    refuse(revokeMandateRefusal(identity, { from: existing.fromDelegation, to: existing.toDelegation }));
    if (existing.revokedAt) throw conflict('This mandate has already been revoked.');
    const row = await db.transaction(async (tx) => {
      const [revoked] = await tx
        .update(mandates)
        .set({ revokedAt: new Date(), revokedBy: identity.userId })
        .where(and(eq(mandates.id, mandateId), eq(mandates.draftId, draftId)))
        .returning();
      await writeAudit(tx, {
        actor: identity,
        action: 'mandate.revoked',
        draftId,
        subject: `${existing.toDelegation} for ${existing.fromDelegation}`,
        details: {
          mandateId,
          from: existing.fromDelegation,
          to: existing.toDelegation,
          clauseIds: existing.clauseIds ?? null,
          by: identity.delegation ?? 'secretariat',
        },
      });
      return revoked;
    });
    const [dto] = await dtos([row]);
    publisher.publish(draftId, 'mandate:updated', { draftId, mandate: dto });
    await announce(identity, dto, 'revoked');
    return dto;
  }

  return { listMandates, giveMandate, revokeMandate };
}
