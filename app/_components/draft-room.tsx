'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { ClauseSummary, DraftDetail, SilenceProcedureDto } from '@/lib/api/types';
import { readOnlyReason } from '@/lib/authz/draft-access';
import { canEnterSilence } from '@/lib/domain/status-workflow';
import type { StaticNode } from '@/lib/collab/static-nodes';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { NO_ANNOTATIONS, useAnnotations } from './brackets/use-annotations';
import { ClauseOutline } from './clause-outline';
import { ClauseSection } from './clause-section';
import type { RoomComments } from './comments/room-comments';
import { useCommentMargin } from './comments/use-comment-margin';
import { threadsOf, useComments } from './comments/use-comments';
import { ConnectionBanner } from './connection-status';
import { ClosedBanner } from './drafts/closed-banner';
import { CLOSED_REASON, useLiveDraft } from './drafts/use-live-draft';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { mandatorsOf, NO_POSITIONS, runningSilences, silenceMandators, type NegotiationSnapshot } from './negotiation/negotiation-state';
import { useNegotiation } from './negotiation/use-negotiation';
import { PresencePanel } from './presence-panel';
import type { RoomMe } from './room-types';
import { useReplacedNotices } from './room/replaced-notice';
import { RoomBar } from './room/room-bar';
import { StartSilenceDialog } from './room/start-silence-dialog';
import { useDrawer } from './room/use-drawer';
import { AddClauseBar } from './structure/add-clause-bar';
import { StructureProvider } from './structure/structure-context';
import { ToastStack, useSilenceNotices, useToasts } from './ui/toasts';
import { useActiveClause } from './use-active-clause';
import { useCollab } from './use-collab';
import { usePresence } from './use-presence';

export interface DraftRoomProps {
  draft: DraftDetail;
  me: RoomMe;
  /** The negotiation state rendered on the server, so clauses paint with their consensus. */
  initial?: NegotiationSnapshot;
  /** Every clause's text as the server read it: shown read-only until the clause's editor holds the text. */
  staticTexts?: Readonly<Record<string, StaticNode[]>>;
}

const NO_NUMBERS: readonly number[] = [];
const NO_CODES: readonly DelegationCode[] = [];

/** One warning per live feed that failed: what may be stale, and why. */
function StaleBanners({ problems }: { problems: ReadonlyArray<readonly [testId: string, headline: string, error: string | null | undefined]> }) {
  return (
    <>
      {problems.map(([testId, headline, error]) =>
        error ? (
          <div key={testId} className="banner banner--warn" role="status" data-testid={testId}>
            <p>
              <strong>{headline}</strong> {error}
            </p>
          </div>
        ) : null,
      )}
    </>
  );
}

/** Keeps `--room-top` on the room equal to the bottom of its top bar, whose height grows when a banner shows. */
function useRoomTopOffset(roomRef: RefObject<HTMLDivElement | null>, topRef: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const top = topRef.current;
    const room = roomRef.current;
    if (!top || !room || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      room.style.setProperty('--room-top', `calc(var(--header-h) + ${Math.round(top.getBoundingClientRect().height)}px)`);
    });
    observer.observe(top);
    return () => observer.disconnect();
  }, [roomRef, topRef]);
}

/**
 * The drafting room: outline, the whole text clause by clause with live editors, and
 * who is here. One Y.Doc and one provider serve every clause on the page.
 */
export function DraftRoom({ draft: initialDraft, me, initial, staticTexts }: DraftRoomProps) {
  // Read-only for everyone at once when the secretariat closes the draft (draft:updated).
  const { draft, closed } = useLiveDraft(initialDraft);
  const { collab, connection } = useCollab(draft.id, me.userId);
  const presence = usePresence(draft.id);
  const negotiation = useNegotiation(draft.id, { initial });
  const annotations = useAnnotations(draft.id);
  const { data, mergePosition, mergeSilence, mergeStatus } = negotiation;
  const outline = useDrawer();
  const rail = useDrawer();
  const [silenceDialog, setSilenceDialog] = useState<readonly string[] | null>(null);
  const { toasts, push, dismiss } = useToasts();
  const comments = useComments(draft.id);
  const replaced = useReplacedNotices(draft.id, me.userId);
  const { mergeThread, mergeReply } = comments;
  const roomComments = useMemo<RoomComments>(
    () => ({ access: draft.access, delegations: new Set(draft.delegations.map((d) => d.code)), mergeThread, mergeReply }),
    [draft.access, draft.delegations, mergeThread, mergeReply],
  );

  // Statuses as rendered, updated live when the secretariat changes one. A clause keeps
  // its object while its status does not change, so that its memoised section skips the render.
  const clauseCache = useRef(new Map<string, ClauseSummary>());
  const clauses = useMemo(() => {
    const cache = clauseCache.current;
    return draft.clauses.map((c) => {
      const status = data?.statuses.get(c.id)?.status ?? c.status;
      const cached = cache.get(c.id);
      if (cached && cached.status === status && cached.title === c.title && cached.number === c.number) return cached;
      const next = { ...c, status };
      cache.set(c.id, next);
      return next;
    });
  }, [draft.clauses, data?.statuses]);
  const clausesById = useMemo(() => new Map(clauses.map((c) => [c.id, c])), [clauses]);

  const secretariat = me.role === 'secretariat';
  const ownDelegation = useMemo(() => {
    if (me.role !== 'delegate' || draft.access !== 'write' || !me.delegation) return null;
    const mine = draft.delegations.find((d) => d.code === me.delegation);
    return mine?.participation === 'participant' ? mine.code : null;
  }, [me.role, me.delegation, draft.access, draft.delegations]);
  // Delegations whose mandate lets our delegation state their position, per clause.
  const mandates = data?.mandates;
  const mandatorsByClause = useMemo(() => {
    const out = new Map<string, readonly DelegationCode[]>();
    if (!mandates || !ownDelegation) return out;
    for (const clause of draft.clauses) {
      const codes = mandatorsOf({ mandates }, ownDelegation, clause.id);
      if (codes.length) out.set(clause.id, codes);
    }
    return out;
  }, [mandates, ownDelegation, draft.clauses]);
  const participantList = useMemo(
    () => draft.delegations.filter((d) => d.participation === 'participant').sort((a, b) => a.code.localeCompare(b.code)),
    [draft.delegations],
  );

  // The running procedure of each clause, and the numbers of the clauses each procedure covers.
  const running = useMemo(() => runningSilences(data?.silence ?? []), [data?.silence]);
  const procedureByClause = useMemo(() => {
    const map = new Map<string, SilenceProcedureDto>();
    for (const p of running) for (const id of p.clauseIds) if (!map.has(id)) map.set(id, p);
    return map;
  }, [running]);
  // Delegations whose mandate lets ours break each running procedure.
  const breakForByProcedure = useMemo(
    () => new Map(running.map((p) => [p.id, silenceMandators(mandates ?? [], ownDelegation, p.clauseIds)])),
    [running, mandates, ownDelegation],
  );
  const numbersByProcedure = useMemo(() => {
    const map = new Map<string, number[]>();
    for (const p of running) {
      map.set(
        p.id,
        p.clauseIds
          .map((id) => clausesById.get(id)?.number)
          .filter((n): n is number => n !== undefined)
          .sort((a, b) => a - b),
      );
    }
    return map;
  }, [running, clausesById]);

  const clauseNumber = useCallback((id: string) => clausesById.get(id)?.number ?? undefined, [clausesById]);
  useSilenceNotices(data?.silence, clauseNumber, push);
  const openSilence = useCallback((clauseId?: string) => setSilenceDialog(clauseId ? [clauseId] : []), []);
  const canStartSilence = secretariat && draft.access === 'write' && clauses.some((c) => canEnterSilence(c.status));
  const activeClauseId = useActiveClause(clauses);
  const reasons = useMemo(
    () => new Map(clauses.map((c) => [c.id, closed ? CLOSED_REASON : readOnlyReason(me, draft.access, c.status)])),
    [clauses, draft.access, me, closed],
  );
  const editableCount = [...reasons.values()].filter((r) => r === null).length;
  const participants = draft.delegations.filter((d) => d.participation === 'participant').length;
  const activeClauses = clauses.filter((c) => c.status !== 'withdrawn').length;

  // The sticky columns start below the room bar, whose height grows when a banner shows.
  const roomRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  useRoomTopOffset(roomRef, topRef);

  // Comments go in a margin beside the text when the text column is wide enough.
  const columnRef = useRef<HTMLElement>(null);
  const commentMargin = useCommentMargin(columnRef);

  return (
    <div className="room" ref={roomRef} style={{ '--me-color': me.color } as CSSProperties}>
      <div className="room-top" ref={topRef}>
        <RoomBar
          draft={draft}
          me={me}
          connection={connection}
          online={presence.users.length}
          outline={outline}
          rail={rail}
          onStartSilence={canStartSilence ? () => openSilence() : null}
          adoption={secretariat ? { closed, clauses } : undefined}
        />
        {closed ? <ClosedBanner secretariat={secretariat} draftId={draft.id} /> : null}
        <ConnectionBanner connection={connection} draftId={draft.id} />
        {connection.terminal ? null : (
          <StaleBanners
            problems={[
              ['annotations-error', 'Brackets and alternatives may not be up to date.', annotations.error],
              ['negotiation-error', 'Positions and statuses may not be up to date.', negotiation.error],
              ['comments-error', 'Comments may not be up to date.', comments.error],
            ]}
          />
        )}
      </div>

      <StructureProvider draftId={draft.id} clauses={clauses} doc={collab?.doc ?? null} enabled={secretariat && draft.access === 'write'} notify={push}>
        <div className="room-grid" data-rail-open={rail.open ? 'true' : 'false'} data-outline-open={outline.open ? 'true' : 'false'}>
          <aside className="room-outline" id="room-outline" ref={outline.panelRef} aria-label="Clause outline">
            <button type="button" className="button button--ghost button--small rail-close" onClick={() => outline.close()}>
              Close
            </button>
            <ClauseOutline
              clauses={clauses}
              activeClauseId={activeClauseId}
              consensus={data?.consensus}
              commentCounts={comments.loaded ? comments.openCounts : undefined}
              onNavigate={() => outline.close(false)}
            />
          </aside>

          <main id="main" className="text-column" tabIndex={-1} ref={columnRef} data-comment-margin={commentMargin ? 'true' : 'false'}>
            <div className="paper">
              <header className="draft-head">
                <p className="draft-head__eyebrow">Negotiating text</p>
                <h1 className="draft-head__title">{draft.title}</h1>
                {draft.description ? <p className="draft-head__description">{draft.description}</p> : null}
                <p className="draft-head__meta">
                  {activeClauses} {activeClauses === 1 ? 'clause' : 'clauses'} · {participants} {participants === 1 ? 'delegation' : 'delegations'} · updated{' '}
                  <time dateTime={draft.updatedAt}>{formatDateTimeUtc(draft.updatedAt)}</time>
                </p>
                {draft.access === 'write' && draft.clauses.length > 0 && editableCount === 0 ? (
                  <p className="draft-head__note">Every clause is locked at the moment: none is open for drafting.</p>
                ) : null}
              </header>

              <AddClauseBar />
              {draft.clauses.length === 0 ? (
                <div className="empty-state">
                  <h2>No clauses yet</h2>
                  <p>
                    {me.role === 'secretariat'
                      ? 'Add the first clause to open the text for drafting.'
                      : 'The secretariat has not added any clauses to this draft yet. They will appear here as soon as it does.'}
                  </p>
                </div>
              ) : (
                clauses.map((clause) => {
                  const procedure = procedureByClause.get(clause.id);
                  return (
                    <ClauseSection
                      key={clause.id}
                      draftId={draft.id}
                      clause={clause}
                      staticText={staticTexts?.[clause.id]}
                      collab={collab}
                      me={me}
                      readOnlyReason={reasons.get(clause.id) ?? null}
                      loaded={connection.everSynced || connection.localReady}
                      frozen={connection.terminal}
                      consensus={data?.consensus.get(clause.id)}
                      statusInfo={data?.statuses.get(clause.id)}
                      positions={data?.positions.get(clause.id) ?? NO_POSITIONS}
                      participants={participantList}
                      ownDelegation={ownDelegation}
                      mandators={mandatorsByClause.get(clause.id) ?? NO_CODES}
                      secretariat={secretariat && draft.access === 'write'}
                      procedure={procedure}
                      procedureClauseNumbers={procedure ? (numbersByProcedure.get(procedure.id) ?? NO_NUMBERS) : NO_NUMBERS}
                      breakFor={procedure ? (breakForByProcedure.get(procedure.id) ?? NO_CODES) : NO_CODES}
                      onPositionSaved={mergePosition}
                      onSilenceChanged={mergeSilence}
                      onStatusChanged={mergeStatus}
                      onStartSilence={openSilence}
                      access={draft.access}
                      annotations={annotations.byClause ? (annotations.byClause.get(clause.id) ?? NO_ANNOTATIONS) : undefined}
                      onBracket={annotations.mergeBracket}
                      onAlternatives={annotations.mergeAlternatives}
                      threads={threadsOf(comments, clause.id)}
                      comments={roomComments}
                      commentMargin={commentMargin}
                      replaced={replaced.byClause.get(clause.id)}
                      onDismissReplaced={replaced.dismiss}
                    />
                  );
                })
              )}
            </div>
          </main>

          <aside className="room-rail" id="room-rail" aria-label="People and delegations" ref={rail.panelRef}>
            <button type="button" className="button button--ghost button--small rail-close" onClick={() => rail.close()}>
              Close
            </button>
            <PresencePanel presence={presence} delegations={draft.delegations} me={me} collab={collab} clauses={clauses} />
          </aside>
        </div>
      </StructureProvider>

      {silenceDialog ? (
        <StartSilenceDialog
          draftId={draft.id}
          clauses={clauses}
          consensus={data?.consensus}
          preselected={silenceDialog}
          onClose={() => setSilenceDialog(null)}
          onStarted={mergeSilence}
        />
      ) : null}
      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
