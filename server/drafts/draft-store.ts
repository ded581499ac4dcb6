/**
 * Drafts, their clauses and their membership, read with authorisation applied.
 * Functions named `unsafe...` skip the access check and are for the server's own use.
 */
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ClauseSummary, DraftDetail, DraftSummary } from '@/lib/api/types';
import { draftAccess, type DraftAccess, type DraftMembership } from '@/lib/authz/draft-access';
import type { Identity } from '@/lib/domain/identity';
import type { ClauseStatus, DelegationCode, Participation } from '@/lib/domain/vocabulary';
import { AppError } from '@/lib/errors/app-error';
import type { Database } from '../db/client';
import { clauses, delegations, draftDelegations, draftInvitations, drafts } from '../db/schema';
import { isUuid } from '@/lib/validation/uuid';

export { isUuid };

function notFound(): AppError {
  return new AppError('not_found', { message: 'No such draft, or it is not shared with you.' });
}

/** Membership is read on every request and upgrade but changes rarely: keep it this long. */
const MEMBERSHIP_TTL_MS = 2000;

/** The draft's clauses in order (merged-away ones left out). */
export async function readClauses(db: Pick<Database, 'select'>, draftId: string): Promise<ClauseSummary[]> {
  const rows = await db
    .select({ id: clauses.id, number: clauses.number, title: clauses.title, status: clauses.status })
    .from(clauses)
    .where(and(eq(clauses.draftId, draftId), isNull(clauses.mergedInto)))
    .orderBy(asc(clauses.ordinal));
  return rows.map((r) => ({ ...r, status: r.status as ClauseStatus }));
}

/** Every clause of the draft for the Yjs room's write checks, the merged-away ones included. */
async function readRoomClauses(db: Database, draftId: string): Promise<Array<ClauseSummary & { mergedInto: string | null }>> {
  const rows = await db
    .select({ id: clauses.id, number: clauses.number, title: clauses.title, status: clauses.status, mergedInto: clauses.mergedInto })
    .from(clauses)
    .where(eq(clauses.draftId, draftId))
    .orderBy(asc(clauses.ordinal));
  return rows.map((r) => ({ ...r, status: r.status as ClauseStatus }));
}

export function createDraftStore(db: Database) {
  const membershipCache = new Map<string, { at: number; value: Promise<DraftMembership | null> }>();

  function unsafeMembership(draftId: string): Promise<DraftMembership | null> {
    const cached = membershipCache.get(draftId);
    if (cached && performance.now() - cached.at < MEMBERSHIP_TTL_MS) return cached.value;
    const value = readMembership(draftId);
    if (membershipCache.size > 1000) membershipCache.clear();
    membershipCache.set(draftId, { at: performance.now(), value });
    value.catch(() => membershipCache.delete(draftId));
    return value;
  }

  async function readMembership(draftId: string): Promise<DraftMembership | null> {
    if (!isUuid(draftId)) return null;
    const [draft] = await db.select({ id: drafts.id }).from(drafts).where(eq(drafts.id, draftId)).limit(1);
    if (!draft) return null;
    const [dels, invites] = await Promise.all([
      db.select().from(draftDelegations).where(eq(draftDelegations.draftId, draftId)),
      db.select().from(draftInvitations).where(eq(draftInvitations.draftId, draftId)),
    ]);
    return {
      delegations: new Map(dels.map((d) => [d.delegationCode as DelegationCode, d.participation as Participation])),
      invitedUserIds: new Set(invites.map((i) => i.userId)),
    };
  }

  /** The caller's access to a draft; throws not_found when the draft is unknown or invisible. */
  async function requireAccess(identity: Identity, draftId: string): Promise<Exclude<DraftAccess, 'none'>> {
    const membership = await unsafeMembership(draftId);
    if (!membership) throw notFound();
    const access = draftAccess(identity, membership);
    if (access === 'none') throw notFound();
    return access;
  }

  const unsafeClauses = (draftId: string) => readClauses(db, draftId);
  const unsafeRoomClauses = (draftId: string) => readRoomClauses(db, draftId);

  /** A draft's state, read from the database (not cached: closing takes effect at once on every instance). */
  async function unsafeState(draftId: string): Promise<'open' | 'closed' | null> {
    if (!isUuid(draftId)) return null;
    const [row] = await db.select({ state: drafts.state }).from(drafts).where(eq(drafts.id, draftId)).limit(1);
    return row?.state ?? null;
  }

  return {
    unsafeMembership,
    unsafeState,
    /**
     * The one guard of writes to a closed draft: throws `conflict` (409) when the draft is
     * closed, after the access check (a draft the caller may not see stays not_found, so a
     * closed draft's id cannot be probed). Every state-changing route under
     * /api/drafts/:id/ passes through it (server/http/respond.ts requireIdentity).
     */
    async requireOpen(identity: Identity, draftId: string): Promise<void> {
      if ((await unsafeState(draftId)) !== 'closed') return;
      await requireAccess(identity, draftId);
      throw new AppError('conflict', {
        message: 'This draft is closed: its text was adopted and it is read-only. The secretariat can reopen it (draft settings) to allow changes again.',
      });
    },
    /** Forget cached membership after it changed. */
    invalidateMembership(draftId: string): void {
      membershipCache.delete(draftId);
    },
    unsafeClauses,
    unsafeRoomClauses,
    requireAccess,

    /** Drafts the identity may read, newest activity first. */
    async listForUser(identity: Identity): Promise<DraftSummary[]> {
      const all = await db
        .select()
        .from(drafts)
        .orderBy(sql`${drafts.updatedAt} desc`);
      if (all.length === 0) return [];
      const ids = all.map((d) => d.id);
      const [dels, invites, clauseCounts] = await Promise.all([
        db.select().from(draftDelegations).where(inArray(draftDelegations.draftId, ids)),
        db.select().from(draftInvitations).where(inArray(draftInvitations.draftId, ids)),
        db
          .select({ draftId: clauses.draftId, n: count(), agreed: sql<number>`count(*) filter (where ${clauses.status} = 'agreed')` })
          .from(clauses)
          .where(and(inArray(clauses.draftId, ids), sql`${clauses.status} <> 'withdrawn'`, isNull(clauses.mergedInto)))
          .groupBy(clauses.draftId),
      ]);
      const result: DraftSummary[] = [];
      for (const d of all) {
        const mine = dels.filter((x) => x.draftId === d.id);
        const membership: DraftMembership = {
          delegations: new Map(mine.map((x) => [x.delegationCode, x.participation as Participation])),
          invitedUserIds: new Set(invites.filter((x) => x.draftId === d.id).map((x) => x.userId)),
        };
        const access = draftAccess(identity, membership);
        if (access === 'none') continue;
        result.push({
          id: d.id,
          title: d.title,
          description: d.description,
          clauseCount: Number(clauseCounts.find((c) => c.draftId === d.id)?.n ?? 0),
          agreedCount: Number(clauseCounts.find((c) => c.draftId === d.id)?.agreed ?? 0),
          delegationCount: mine.filter((x) => x.participation === 'participant').length,
          updatedAt: d.updatedAt.toISOString(),
          state: d.state,
          access,
        });
      }
      return result;
    },

    /** One draft with its clauses and delegations; throws not_found when invisible. */
    async getForUser(identity: Identity, draftId: string): Promise<DraftDetail> {
      const access = await requireAccess(identity, draftId);
      const [draft] = await db.select().from(drafts).where(eq(drafts.id, draftId)).limit(1);
      if (!draft) throw notFound();
      const [clauseRows, delegationRows] = await Promise.all([
        unsafeClauses(draftId),
        db
          .select({
            code: delegations.code,
            name: delegations.name,
            color: delegations.color,
            participation: draftDelegations.participation,
          })
          .from(draftDelegations)
          .innerJoin(delegations, eq(delegations.code, draftDelegations.delegationCode))
          .where(eq(draftDelegations.draftId, draftId))
          .orderBy(asc(delegations.code)),
      ]);
      return {
        id: draft.id,
        title: draft.title,
        description: draft.description,
        updatedAt: draft.updatedAt.toISOString(),
        state: draft.state,
        access,
        clauses: clauseRows,
        delegations: delegationRows.map((d) => ({ ...d, participation: d.participation as Participation })),
      };
    },

    /** Marks a draft as recently changed (for the drafts list ordering). */
    async unsafeTouch(draftId: string): Promise<void> {
      await db.update(drafts).set({ updatedAt: new Date() }).where(eq(drafts.id, draftId));
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;
