/** The shared reads: every bracket and every alternative of a draft (or one clause), for its readers. */
import { and, asc, eq } from 'drizzle-orm';
import type { AlternativeDto, BracketDto } from '@/lib/api/types';
import type { Identity } from '@/lib/domain/identity';
import { alternatives, brackets } from '../db/schema';
import type { AnnotationContext } from './annotation-context';
import { toBracketDto } from './annotation-dtos';

/** Every bracket of a draft (open and closed, oldest first), with where each is in the text now. */
export async function listBrackets(ctx: AnnotationContext, identity: Identity, draftId: string, clauseId?: string): Promise<BracketDto[]> {
  await ctx.drafts.requireAccess(identity, draftId);
  if (clauseId) await ctx.clauseOf(draftId, clauseId);
  const rows = await ctx.db
    .select()
    .from(brackets)
    .where(clauseId ? and(eq(brackets.draftId, draftId), eq(brackets.clauseId, clauseId)) : eq(brackets.draftId, draftId))
    .orderBy(asc(brackets.proposedAt), asc(brackets.id));
  return ctx.withRoom(draftId, (room) => rows.map((r) => toBracketDto(r, room)));
}

/** Every alternative of a draft (all states, by clause and number), with backers. */
export async function listAlternatives(ctx: AnnotationContext, identity: Identity, draftId: string, clauseId?: string): Promise<AlternativeDto[]> {
  await ctx.drafts.requireAccess(identity, draftId);
  if (clauseId) await ctx.clauseOf(draftId, clauseId);
  const rows = await ctx.db
    .select()
    .from(alternatives)
    .where(clauseId ? and(eq(alternatives.draftId, draftId), eq(alternatives.clauseId, clauseId)) : eq(alternatives.draftId, draftId))
    .orderBy(asc(alternatives.clauseId), asc(alternatives.number));
  return ctx.withRoom(draftId, (room) => ctx.alternativeDtos(rows, room));
}
