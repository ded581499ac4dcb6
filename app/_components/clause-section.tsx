'use client';

import type { Editor } from '@tiptap/core';
import { memo, useCallback, useEffect, useMemo, useState, type CSSProperties } from 'react';
import type {
  AlternativeDto,
  BracketDto,
  ClauseStatusDto,
  ClauseSummary,
  ConsensusDto,
  DelegationSummary,
  PositionDto,
  SilenceProcedureDto,
} from '@/lib/api/types';
import type { DelegationCode } from '@/lib/domain/vocabulary';
import { ClauseAnnotationsPanel } from './brackets/clause-annotations';
import { clauseMarks } from './brackets/clause-marks';
import type { ClauseAnnotations } from './brackets/use-annotations';
import type { StaticNode } from '@/lib/collab/static-nodes';
import { ClauseEditor } from './clause-editor';
import { CommentIcon } from './comments/comment-icon';
import { ClauseComments, type ComposerTarget } from './comments/clause-comments';
import type { HighlightAnchor } from './comments/comment-highlight';
import type { RoomComments } from './comments/room-comments';
import type { CommentThreadDto } from '@/lib/api/comment-types';
import { clauseAnchor } from './clause-outline';
import type { ClausePositions } from './negotiation/negotiation-state';
import type { RoomMe } from './room-types';
import { ClauseNegotiation } from './room/clause-negotiation';
import { ClauseStatusControl } from './room/clause-status-control';
import { ReplacedNotice, type ReplacedNoticeData } from './room/replaced-notice';
import { CancelSilenceDialog, SilenceBanner } from './room/silence-banner';
import { StatusNote } from './room/status-note';
import { StaticClauseText } from './static-clause-text';
import { StatusBadge } from './status-badge';
import { WithdrawnToggle } from './structure/add-clause-bar';
import { ClauseStructureMenu } from './structure/clause-structure-menu';
import type { Collab } from './use-collab';

interface ClauseSectionProps {
  draftId: string;
  clause: ClauseSummary;
  /** The clause's text as the server rendered it, shown read-only until the editor holds the text. */
  staticText?: readonly StaticNode[];
  collab: Collab | null;
  me: RoomMe;
  /** Why this person cannot edit the clause, or null when they can. */
  readOnlyReason: string | null;
  /** The text is here: from the server at least once, or from this browser's local copy (IndexedDB). */
  loaded: boolean;
  /** The connection ended for good (e.g. the session expired): typing would go nowhere. */
  frozen: boolean;
  /** Undefined until the negotiation state has loaded. */
  consensus: ConsensusDto | undefined;
  /** The clause's status as the server last reported it: who changed it, when, and the recorded note. */
  statusInfo: ClauseStatusDto | undefined;
  positions: ClausePositions;
  participants: readonly DelegationSummary[];
  /** The delegation the signed-in person states positions for (a participating delegate), else null. */
  ownDelegation: DelegationCode | null;
  /** Delegations whose mandate lets our delegation state their position on this clause. */
  mandators?: readonly DelegationCode[];
  secretariat: boolean;
  /** The running silence procedure covering this clause, if any. */
  procedure: SilenceProcedureDto | undefined;
  /** Numbers of every clause that procedure covers. */
  procedureClauseNumbers: readonly number[];
  /** Delegations whose mandate lets ours break that procedure for them. */
  breakFor?: readonly DelegationCode[];
  onPositionSaved: (position: PositionDto) => void;
  onSilenceChanged: (procedure: SilenceProcedureDto) => void;
  onStatusChanged: (status: ClauseStatusDto) => void;
  onStartSilence: (clauseId: string) => void;
  /** The caller's access to the draft. */
  access?: 'read' | 'write';
  /** Brackets and alternatives recorded on this clause (undefined until loaded). */
  annotations?: ClauseAnnotations;
  onBracket?: (bracket: BracketDto) => void;
  onAlternatives?: (alternatives: readonly AlternativeDto[]) => void;
  /** This clause's comment threads (only those this person may see) and the room's comment actions. */
  threads: readonly CommentThreadDto[];
  comments: RoomComments;
  /** Wide screen: comment threads in a margin beside the text, level with their words (else listed under the clause). */
  commentMargin?: boolean;
  /** The secretariat replaced this clause's text while the page was open (a restore, an adoption). */
  replaced?: ReplacedNoticeData;
  onDismissReplaced?: (clauseId: string) => void;
}

const NO_BREAK_FOR: readonly DelegationCode[] = [];

const LOCK_ICON = (
  <svg className="readonly-notice__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
    <path
      d="M4.5 7V5a3.5 3.5 0 1 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 1 0-4 0v2Z"
      fill="currentColor"
    />
  </svg>
);

/**
 * One clause: number and title, status (and, for the secretariat, the control to
 * change it), where it stands in the negotiation, a silence banner when it is under
 * silence, why it is locked (if it is), and its live text.
 */
interface SilenceOrLockProps {
  draftId: string;
  procedure: SilenceProcedureDto | undefined;
  procedureClauseNumbers: readonly number[];
  /** The clause's number when it is under silence; null otherwise. */
  clauseNumber: number | null;
  ownDelegation: string | null;
  breakFor: readonly DelegationCode[];
  delegation: string | null;
  onCancel: (() => void) | undefined;
  readOnlyReason: string | null;
  onSilenceChanged: ClauseSectionProps['onSilenceChanged'];
  noticeId: string;
}

/** Under silence, the silence banner; otherwise, when the clause cannot be edited, why (with a lock). */
function SilenceOrLock({
  draftId,
  procedure,
  procedureClauseNumbers,
  clauseNumber,
  ownDelegation,
  breakFor,
  delegation,
  onCancel,
  readOnlyReason,
  onSilenceChanged,
  noticeId,
}: SilenceOrLockProps) {
  if (clauseNumber !== null) {
    return (
      <SilenceBanner
        draftId={draftId}
        procedure={procedure}
        clauseNumbers={procedureClauseNumbers.length ? procedureClauseNumbers : [clauseNumber]}
        clauseNumber={clauseNumber}
        canBreak={ownDelegation !== null}
        breakFor={breakFor}
        delegation={delegation}
        onCancel={onCancel}
        readOnlyReason={readOnlyReason}
        onBroken={onSilenceChanged}
      />
    );
  }
  if (!readOnlyReason) return null;
  return (
    <p className="readonly-notice" data-testid="readonly-notice" id={noticeId}>
      {LOCK_ICON}
      {readOnlyReason}
    </p>
  );
}

type ClauseEditorProps = Parameters<typeof ClauseEditor>[0];

interface ClauseBodyProps {
  clause: ClauseSummary;
  staticText: readonly StaticNode[] | undefined;
  collab: Collab | null;
  me: RoomMe;
  loaded: boolean;
  editable: boolean;
  marks: ClauseEditorProps['marks'];
  headingId: string;
  describedBy: string | undefined;
  onEditor: (editor: Editor | null) => void;
  comments: ClauseEditorProps['comments'];
  editorReady: boolean;
}

/**
 * The clause's text: the server's read-only copy until the editor exists and holds the
 * document's text, then the editor in its place (they swap in one commit, same wrappers).
 */
function ClauseBody({ clause, staticText, collab, me, loaded, editable, marks, headingId, describedBy, onEditor, comments, editorReady }: ClauseBodyProps) {
  const showStatic = staticText !== undefined && (!loaded || !editorReady);
  return (
    <div className={`clause__body${loaded || staticText ? '' : ' is-loading'}`} aria-busy={!loaded}>
      {showStatic ? <StaticClauseText nodes={staticText} /> : null}
      {!loaded && !staticText ? (
        <p className="clause__loading" aria-hidden="true">
          Loading text…
        </p>
      ) : null}
      {collab ? (
        <ClauseEditor
          clause={clause}
          collab={collab}
          me={me}
          editable={editable}
          labelledBy={headingId}
          describedBy={describedBy}
          marks={marks}
          onEditor={onEditor}
          comments={comments}
          hidden={showStatic}
        />
      ) : null}
    </div>
  );
}

function ClauseSectionImpl({
  draftId,
  clause,
  staticText,
  collab,
  me,
  readOnlyReason,
  loaded,
  frozen,
  consensus,
  statusInfo,
  positions,
  participants,
  ownDelegation,
  mandators,
  secretariat,
  procedure,
  procedureClauseNumbers,
  breakFor,
  onPositionSaved,
  onSilenceChanged,
  onStatusChanged,
  onStartSilence,
  access = 'read',
  annotations,
  onBracket,
  onAlternatives,
  threads,
  comments,
  commentMargin = false,
  replaced,
  onDismissReplaced,
}: ClauseSectionProps) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const marks = useMemo(() => (annotations ? clauseMarks(annotations) : undefined), [annotations]);
  const headingId = `clause-heading-${clause.id}`;
  const noticeId = `clause-notice-${clause.id}`;
  const editable = readOnlyReason === null && loaded && !frozen;
  const [cancelling, setCancelling] = useState(false);
  const underSilence = clause.status === 'silence';
  const openCancel = useCallback(() => setCancelling(true), []);
  // A withdrawn clause shows collapsed (title only) until someone opens it.
  const [expanded, setExpanded] = useState(false);
  const [composer, setComposer] = useState<ComposerTarget | null>(null);
  const [activeThread, setActiveThread] = useState<string | null>(null);
  // The thread whose card is under the pointer or has the focus: its words are emphasised.
  const [emphasised, setEmphasised] = useState<string | null>(null);
  // How tall this clause's comment margin is: the clause is at least that tall.
  const [marginHeight, setMarginHeight] = useState(0);
  const canComment = comments.access === 'write' && clause.status !== 'withdrawn' && !frozen;
  const anchors = useMemo<HighlightAnchor[]>(() => {
    const list: HighlightAnchor[] = threads
      .filter((t) => t.state === 'open' || t.id === activeThread || t.id === emphasised)
      .map((t) => ({ id: t.id, anchor: t.anchor, internal: t.visibility === 'delegation' }));
    // The words of the comment being written stay marked while the composer is open.
    if (composer) list.push({ id: 'composer', anchor: composer.anchor, internal: false, pending: true });
    return list;
  }, [threads, activeThread, emphasised, composer]);
  const editorComments = useMemo(
    () => ({
      anchors,
      activeId: activeThread,
      emphasisId: emphasised,
      onActivate: (id: string | null) => {
        if (id !== 'composer') setActiveThread(id);
      },
      onComment: canComment ? setComposer : null,
    }),
    [anchors, activeThread, emphasised, canComment],
  );
  const openCount = threads.filter((t) => t.state === 'open').length;
  // A link to a thread (#comment-<id>, e.g. from a notification) opens it once it is loaded.
  useEffect(() => {
    const fromHash = () => {
      const id = window.location.hash.startsWith('#comment-') ? window.location.hash.slice('#comment-'.length) : null;
      if (id && threads.some((t) => t.id === id)) setActiveThread(id);
    };
    fromHash();
    window.addEventListener('hashchange', fromHash);
    return () => window.removeEventListener('hashchange', fromHash);
  }, [threads]);

  return (
    <section
      className={`clause clause--${clause.status}`}
      style={commentMargin && marginHeight > 0 ? ({ '--comment-margin-height': `${marginHeight}px` } as CSSProperties) : undefined}
      id={clauseAnchor(clause)}
      data-testid="clause"
      data-clause-id={clause.id}
      data-clause-number={clause.number ?? ''}
      data-consensus={consensus?.state ?? ''}
      data-collapsed={clause.status === 'withdrawn' && !expanded ? 'true' : undefined}
      aria-labelledby={headingId}
    >
      <header className="clause__header">
        <h2 className="clause__title" id={headingId} tabIndex={-1}>
          {clause.number !== null ? <span className="clause__number">{clause.number}.</span> : <span className="clause__withdrawn-tag">[withdrawn]</span>}{' '}
          {clause.title}
        </h2>
        <div className="clause__status">
          {clause.status === 'withdrawn' ? <WithdrawnToggle expanded={expanded} onToggle={setExpanded} /> : <StatusBadge status={clause.status} primary />}
          {openCount > 0 ? (
            <span className="comment-count" data-testid="clause-comment-count" title={`${openCount} open comment thread${openCount === 1 ? '' : 's'}`}>
              <CommentIcon /> {openCount}
              <span className="visually-hidden"> open comment{openCount === 1 ? '' : 's'}</span>
            </span>
          ) : null}
          {secretariat ? (
            <ClauseStatusControl
              draftId={draftId}
              clauseId={clause.id}
              clauseNumber={clause.number}
              status={clause.status}
              consensus={consensus}
              onStartSilence={onStartSilence}
              onStatusChanged={onStatusChanged}
              onCancelSilence={procedure ? openCancel : undefined}
            />
          ) : null}
          <ClauseStructureMenu clause={clause} />
        </div>
      </header>

      <StatusNote info={statusInfo} />

      {clause.number !== null && clause.status !== 'withdrawn' ? (
        <ClauseNegotiation
          draftId={draftId}
          clauseId={clause.id}
          clauseNumber={clause.number}
          consensus={consensus}
          positions={positions}
          participants={participants}
          ownDelegation={ownDelegation}
          mandators={mandators}
          secretariat={secretariat}
          onPositionSaved={onPositionSaved}
        />
      ) : null}

      {annotations && onBracket && onAlternatives && clause.number !== null && clause.status !== 'withdrawn' ? (
        <ClauseAnnotationsPanel
          draftId={draftId}
          clauseId={clause.id}
          clauseNumber={clause.number}
          status={clause.status}
          access={access}
          me={me}
          ownDelegation={ownDelegation}
          annotations={annotations}
          editor={editor}
          doc={collab?.doc ?? null}
          onBracket={onBracket}
          onAlternatives={onAlternatives}
        />
      ) : null}

      <SilenceOrLock
        {...{ draftId, procedure, procedureClauseNumbers, ownDelegation, readOnlyReason, onSilenceChanged }}
        breakFor={breakFor ?? NO_BREAK_FOR}
        clauseNumber={underSilence ? clause.number : null}
        delegation={ownDelegation ?? me.delegation}
        onCancel={secretariat && procedure ? openCancel : undefined}
        noticeId={noticeId}
      />

      {replaced && onDismissReplaced ? <ReplacedNotice notice={replaced} clauseNumber={clause.number} onDismiss={() => onDismissReplaced(clause.id)} /> : null}

      <ClauseBody
        {...{ clause, staticText, collab, me, loaded, editable, marks }}
        headingId={headingId}
        describedBy={readOnlyReason && !underSilence ? noticeId : undefined}
        onEditor={setEditor}
        comments={editorComments}
        editorReady={editor !== null}
      />

      <ClauseComments
        draftId={draftId}
        clauseId={clause.id}
        clauseNumber={clause.number}
        threads={threads}
        collab={collab}
        me={me}
        access={comments.access}
        delegations={comments.delegations}
        composer={composer}
        onCloseComposer={() => setComposer(null)}
        activeId={activeThread}
        onActivate={setActiveThread}
        editor={editor}
        layout={commentMargin ? 'margin' : 'list'}
        onEmphasise={setEmphasised}
        onMarginHeight={setMarginHeight}
        mergeThread={comments.mergeThread}
        mergeReply={comments.mergeReply}
      />

      {cancelling && procedure ? (
        <CancelSilenceDialog
          draftId={draftId}
          procedure={procedure}
          clauseNumbers={procedureClauseNumbers}
          onClose={() => setCancelling(false)}
          onCancelled={onSilenceChanged}
        />
      ) : null}
    </section>
  );
}

/** Memoised: a live change re-renders only the clauses it touched. */
export const ClauseSection = memo(ClauseSectionImpl);
