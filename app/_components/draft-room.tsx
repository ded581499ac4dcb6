'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { ClauseSummary, DraftDetail, SilenceProcedureDto } from '@/lib/api/types';
import { readOnlyReason } from '@/lib/authz/draft-access';
import { canEnterSilence } from '@/lib/domain/status-workflow';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { affiliationLabel } from '@/lib/ui/people';
import { NO_ANNOTATIONS, useAnnotations } from './brackets/use-annotations';
import { ClauseOutline } from './clause-outline';
import { ClauseSection } from './clause-section';
import type { RoomComments } from './comments/room-comments';
import { useCommentMargin } from './comments/use-comment-margin';
import { threadsOf, useComments } from './comments/use-comments';
import { ConnectionBanner, ConnectionPill } from './connection-status';
import { ExportMenu } from './export/export-menu';
import { ChangesSinceLink } from './history/changes-since-link';
import { DraftTabs } from './negotiation/draft-tabs';
import { NO_POSITIONS, runningSilences, type NegotiationSnapshot } from './negotiation/negotiation-state';
import { useNegotiation } from './negotiation/use-negotiation';
import { PresencePanel } from './presence-panel';
import type { RoomMe } from './room-types';
import { StartSilenceDialog } from './room/start-silence-dialog';
import { ToastStack, useSilenceNotices, useToasts } from './room/toasts';
import { useActiveClause } from './use-active-clause';
import { useCollab } from './use-collab';
import { usePresence } from './use-presence';

export interface DraftRoomProps {
  draft: DraftDetail;
  me: RoomMe;
  /** The negotiation state rendered on the server, so clauses paint with their consensus. */
  initial?: NegotiationSnapshot;
}

const NO_NUMBERS: readonly number[] = [];

function accessSummary(draft: DraftDetail, me: RoomMe): string {
  if (draft.access !== 'write') return me.role === 'observer' ? 'Observer · read only' : 'Read only';
  if (me.role === 'secretariat') return 'Secretariat · can edit every clause';
  return `${affiliationLabel(me)} · can edit open clauses`;
}

/**
 * The drafting room: outline, the whole text clause by clause with live editors, and
 * who is here. One Y.Doc and one provider serve every clause on the page.
 */
export function DraftRoom({ draft, me, initial }: DraftRoomProps) {
  const { collab, connection } = useCollab(draft.id, me.userId);
  const presence = usePresence(draft.id);
  const negotiation = useNegotiation(draft.id, { initial });
  const annotations = useAnnotations(draft.id);
  const { data, mergePosition, mergeSilence, mergeStatus } = negotiation;
  const [railOpen, setRailOpen] = useState(false);
  const [silenceDialog, setSilenceDialog] = useState<readonly string[] | null>(null);
  const { toasts, push, dismiss } = useToasts();
  const comments = useComments(draft.id);
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

  const clauseNumber = useCallback((id: string) => clausesById.get(id)?.number, [clausesById]);
  useSilenceNotices(data?.silence, clauseNumber, push);
  const openSilence = useCallback((clauseId?: string) => setSilenceDialog(clauseId ? [clauseId] : []), []);
  const canStartSilence = secretariat && draft.access === 'write' && clauses.some((c) => canEnterSilence(c.status));
  const activeClauseId = useActiveClause(clauses);
  const reasons = useMemo(
    () => new Map(clauses.map((c) => [c.id, readOnlyReason(me, draft.access, c.status)])),
    [clauses, draft.access, me],
  );
  const editableCount = [...reasons.values()].filter((r) => r === null).length;
  const participants = draft.delegations.filter((d) => d.participation === 'participant').length;
  const activeClauses = clauses.filter((c) => c.status !== 'withdrawn').length;

  // The sticky columns start below the room bar, whose height grows when a banner shows.
  const roomRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const top = topRef.current;
    const room = roomRef.current;
    if (!top || !room || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      room.style.setProperty('--room-top', `calc(var(--header-h) + ${Math.round(top.getBoundingClientRect().height)}px)`);
    });
    observer.observe(top);
    return () => observer.disconnect();
  }, []);

  // Comments go in a margin beside the text when the text column is wide enough.
  const columnRef = useRef<HTMLElement>(null);
  const commentMargin = useCommentMargin(columnRef);

  // Close the people panel with Escape on narrow screens.
  useEffect(() => {
    if (!railOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setRailOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [railOpen]);

  return (
    <div className="room" ref={roomRef} style={{ '--me-color': me.color } as CSSProperties}>
      <div className="room-top" ref={topRef}>
      <div className="room-bar">
        <div className="room-bar__left">
          <span className="room-bar__title neg-bar__title">{draft.title}</span>
          <DraftTabs draftId={draft.id} active="text" />
          <span className={`chip room-bar__access${draft.access === 'write' ? ' chip--write' : ''}`}>{accessSummary(draft, me)}</span>
        </div>
        <div className="room-bar__right">
          {secretariat ? (
            <button
              type="button"
              className="button button--secondary button--small room-bar__silence"
              onClick={() => openSilence()}
              disabled={!canStartSilence}
              title={canStartSilence ? 'Put one or several clauses under silence until a deadline' : 'No clause can be put under silence now'}
            >
              Silence procedure…
            </button>
          ) : null}
          <ExportMenu draftId={draft.id} title={draft.title} />
          <ChangesSinceLink draftId={draft.id} />
          <ConnectionPill connection={connection} />
          <button
            type="button"
            className="button button--ghost button--small rail-toggle"
            aria-expanded={railOpen}
            aria-controls="room-rail"
            onClick={() => setRailOpen((open) => !open)}
          >
            People online <span className="rail-toggle__count">{presence.users.length}</span>
          </button>
        </div>
      </div>
      <ConnectionBanner connection={connection} draftId={draft.id} />
      {annotations.error && !connection.terminal ? (
        <div className="banner banner--warn" role="status" data-testid="annotations-error">
          <p>
            <strong>Brackets and alternatives may not be up to date.</strong> {annotations.error}
          </p>
        </div>
      ) : null}
      {negotiation.error && !connection.terminal ? (
        <div className="banner banner--warn" role="status" data-testid="negotiation-error">
          <p>
            <strong>Positions and statuses may not be up to date.</strong> {negotiation.error}
          </p>
        </div>
      ) : null}
      {comments.error && !connection.terminal ? (
        <div className="banner banner--warn" role="status" data-testid="comments-error">
          <p>
            <strong>Comments may not be up to date.</strong> {comments.error}
          </p>
        </div>
      ) : null}
      </div>

      <div className="room-grid" data-rail-open={railOpen ? 'true' : 'false'}>
        <aside className="room-outline">
          <ClauseOutline clauses={clauses} activeClauseId={activeClauseId} consensus={data?.consensus} commentCounts={comments.loaded ? comments.openCounts : undefined} />
        </aside>

        <main id="main" className="text-column" tabIndex={-1} ref={columnRef} data-comment-margin={commentMargin ? 'true' : 'false'}>
          <div className="paper">
            <header className="draft-head">
              <p className="draft-head__eyebrow">Negotiating text</p>
              <h1 className="draft-head__title">{draft.title}</h1>
              {draft.description ? <p className="draft-head__description">{draft.description}</p> : null}
              <p className="draft-head__meta">
                {activeClauses} {activeClauses === 1 ? 'clause' : 'clauses'} · {participants}{' '}
                {participants === 1 ? 'delegation' : 'delegations'} · updated{' '}
                <time dateTime={draft.updatedAt}>{formatDateTimeUtc(draft.updatedAt)}</time>
              </p>
              {draft.access === 'write' && draft.clauses.length > 0 && editableCount === 0 ? (
                <p className="draft-head__note">Every clause is locked at the moment: none is open for drafting.</p>
              ) : null}
            </header>

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
                    secretariat={secretariat && draft.access === 'write'}
                    procedure={procedure}
                    procedureClauseNumbers={procedure ? (numbersByProcedure.get(procedure.id) ?? NO_NUMBERS) : NO_NUMBERS}
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
                  />
                );
              })
            )}
          </div>
        </main>

        <aside className="room-rail" id="room-rail" aria-label="People and delegations">
          <button type="button" className="button button--ghost button--small rail-close" onClick={() => setRailOpen(false)}>
            Close
          </button>
          <PresencePanel presence={presence} delegations={draft.delegations} me={me} />
        </aside>
      </div>

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
