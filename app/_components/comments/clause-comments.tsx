'use client';

import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CommentReplyDto, CommentThreadDto } from '@/lib/api/comment-types';
import { resolveAnchor, type EncodedAnchor } from '@/lib/comments/comment-anchor';
import { canResolveThread, MAX_COMMENT_CHARS, teamLabel, type CommentVisibility } from '@/lib/comments/comment-visibility';
import { clauseField } from '@/lib/collab/clause-field';
import type { DraftAccess } from '@/lib/authz/draft-access';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import type { RoomMe } from '../room-types';
import { formatShortUtc } from '../room/format';
import type { Collab } from '../use-collab';
import { CommentText } from './comment-text';
import { createThread, replyToThread, setThreadState } from './comments-api';

export interface ComposerTarget {
  anchor: EncodedAnchor;
  quote: string;
}

interface ClauseCommentsProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number;
  threads: readonly CommentThreadDto[];
  collab: Collab | null;
  me: RoomMe;
  access: DraftAccess;
  delegations: ReadonlySet<string>;
  composer: ComposerTarget | null;
  onCloseComposer: () => void;
  activeId: string | null;
  onActivate: (threadId: string | null) => void;
  mergeThread: (thread: CommentThreadDto) => void;
  mergeReply: (reply: CommentReplyDto) => void;
}

const LOCK = (
  <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
    <path d="M4.5 7V5a3.5 3.5 0 1 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 1 0-4 0v2Z" fill="currentColor" />
  </svg>
);

const grouped = (n: number) => n.toLocaleString('en-GB');

/** Where each thread's words are now (offset in the clause text) and whether they were deleted. */
function useAnchorStates(collab: Collab | null, clauseId: string, threads: readonly CommentThreadDto[]) {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!collab) return;
    const fragment = collab.doc.getXmlFragment(clauseField(clauseId));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onChange = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, 150);
    };
    fragment.observeDeep(onChange);
    return () => {
      if (timer) clearTimeout(timer);
      fragment.unobserveDeep(onChange);
    };
  }, [collab, clauseId]);
  return useMemo(() => {
    void version;
    const map = new Map<string, { offset: number; detached: boolean; text: string | null }>();
    for (const t of threads) {
      if (!collab) {
        map.set(t.id, { offset: 0, detached: false, text: null });
        continue;
      }
      const r = resolveAnchor(collab.doc, clauseId, t.anchor);
      // Positions this copy has not seen yet (edits still on their way) count as attached.
      map.set(t.id, r.ok ? { offset: r.anchor.from, detached: r.anchor.detached, text: r.anchor.text } : { offset: Number.MAX_SAFE_INTEGER, detached: r.reason !== 'unknown', text: null });
    }
    return map;
  }, [collab, clauseId, threads, version]);
}

function Author({ author, at }: { author: CommentThreadDto['author']; at: string }) {
  return (
    <span className="comment__author">
      <span className="comment__team">{author.delegation ?? 'Secretariat'}</span>
      <span className="comment__name">{author.name}</span>
      <time className="comment__time" dateTime={at} title={formatDateTimeUtc(at)}>
        {formatShortUtc(at)}
      </time>
    </span>
  );
}

function BodyField({
  id,
  label,
  value,
  onChange,
  onSubmit,
  autoFocus,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  onSubmit: () => void;
  autoFocus?: boolean;
  placeholder?: string;
}) {
  const over = value.length > MAX_COMMENT_CHARS;
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onSubmit();
    }
  };
  return (
    <div className="comment-field">
      <label htmlFor={id} className="comment-field__label">
        {label}
      </label>
      <textarea
        id={id}
        className="comment-field__input"
        value={value}
        rows={3}
        autoFocus={autoFocus}
        placeholder={placeholder}
        aria-invalid={over}
        aria-describedby={`${id}-count`}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-count`} className={`comment-field__count${over ? ' is-over' : ''}`} aria-live={over ? 'polite' : 'off'}>
        {over ? `Too long: ${grouped(value.length)} of ${grouped(MAX_COMMENT_CHARS)} characters` : `${grouped(value.length)} / ${grouped(MAX_COMMENT_CHARS)}`}
      </span>
    </div>
  );
}

function Composer({
  draftId,
  clauseId,
  clauseNumber,
  target,
  me,
  onClose,
  onCreated,
}: {
  draftId: string;
  clauseId: string;
  clauseNumber: number;
  target: ComposerTarget;
  me: RoomMe;
  onClose: () => void;
  onCreated: (thread: CommentThreadDto) => void;
}) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<CommentVisibility>('everyone');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const team = me.role === 'secretariat' ? 'the secretariat' : (me.delegation ?? 'your delegation');
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || !body.trim() || body.length > MAX_COMMENT_CHARS) return;
    setBusy(true);
    setError(null);
    try {
      const thread = await createThread(draftId, { clauseId, anchor: target.anchor, quote: target.quote, body, visibility });
      onCreated(thread);
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The comment could not be saved.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="comment-composer" aria-label={`New comment on clause ${clauseNumber}`} data-testid="comment-composer" onSubmit={submit}>
      <blockquote className="comment__quote comment__quote--static">“{target.quote}”</blockquote>
      <BodyField
        id={`composer-${clauseId}`}
        label="Your comment"
        value={body}
        onChange={setBody}
        onSubmit={() => void submit()}
        autoFocus
        placeholder="Explain your view. Mention a delegation with @FR."
      />
      <fieldset className="comment-visibility">
        <legend>Who sees it</legend>
        <label>
          <input type="radio" name={`visibility-${clauseId}`} value="everyone" checked={visibility === 'everyone'} onChange={() => setVisibility('everyone')} />
          Everyone in the draft
        </label>
        <label>
          <input type="radio" name={`visibility-${clauseId}`} value="delegation" checked={visibility === 'delegation'} onChange={() => setVisibility('delegation')} />
          {LOCK} Only {team} (internal note)
        </label>
      </fieldset>
      {visibility === 'delegation' ? <p className="comment-composer__hint">Nobody outside {team} receives an internal note, not even the secretariat; mentions in it notify only {team}.</p> : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="comment-composer__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy || !body.trim() || body.length > MAX_COMMENT_CHARS}>
          {busy ? 'Saving…' : 'Comment'}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          Cancel
        </button>
        <span className="comment-composer__keys">Ctrl+Enter to send</span>
      </div>
    </form>
  );
}

function Thread({
  draftId,
  thread,
  anchorState,
  me,
  access,
  delegations,
  active,
  onActivate,
  mergeThread,
  mergeReply,
}: {
  draftId: string;
  thread: CommentThreadDto;
  anchorState: { detached: boolean; text: string | null } | undefined;
  me: RoomMe;
  access: DraftAccess;
  delegations: ReadonlySet<string>;
  active: boolean;
  onActivate: (id: string | null) => void;
  mergeThread: (thread: CommentThreadDto) => void;
  mergeReply: (reply: CommentReplyDto) => void;
}) {
  const [reply, setReply] = useState('');
  const [replying, setReplying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const internal = thread.visibility === 'delegation';
  const detached = anchorState?.detached ?? false;
  const resolvable = canResolveThread(me, access, thread);

  const sendReply = async () => {
    if (busy || !reply.trim() || reply.length > MAX_COMMENT_CHARS) return;
    setBusy(true);
    setError(null);
    try {
      mergeReply(await replyToThread(draftId, thread.id, reply));
      setReply('');
      setReplying(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The reply could not be saved.');
    } finally {
      setBusy(false);
    }
  };
  const toggleState = async () => {
    setBusy(true);
    setError(null);
    try {
      mergeThread(await setThreadState(draftId, thread.id, thread.state === 'open' ? 'resolved' : 'open'));
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The thread could not be changed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <article
      className={`comment-thread${active ? ' is-active' : ''}${thread.state === 'resolved' ? ' is-resolved' : ''}${internal ? ' is-internal' : ''}${detached ? ' is-detached' : ''}`}
      id={`comment-${thread.id}`}
      tabIndex={-1}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-visibility={thread.visibility}
      data-state={thread.state}
      data-detached={detached ? 'true' : 'false'}
      aria-label={`Comment by ${thread.author.delegation ?? 'Secretariat'}, ${thread.author.name}${internal ? ', internal note' : ''}${thread.state === 'resolved' ? ', resolved' : ''}`}
    >
      <header className="comment-thread__head">
        <Author author={thread.author} at={thread.createdAt} />
        <span className="comment-thread__badges">
          {internal ? (
            <span className="comment__badge comment__badge--internal" title={`Internal note: only ${teamLabel(thread.team)} sees it`}>
              {LOCK} Internal · {teamLabel(thread.team)} only
            </span>
          ) : null}
          {thread.state === 'resolved' ? <span className="comment__badge comment__badge--resolved">✓ Resolved</span> : null}
        </span>
      </header>
      {detached ? (
        <p className="comment__detached" data-testid="comment-detached">
          <strong>Detached:</strong> the words it was made on were deleted. It was about: <q>{thread.quote}</q>
        </p>
      ) : (
        <button
          type="button"
          className="comment__quote"
          aria-pressed={active}
          title="Show these words in the text"
          onClick={() => onActivate(active ? null : thread.id)}
        >
          “{anchorState?.text || thread.quote}”
        </button>
      )}
      <CommentText body={thread.body} delegations={delegations} />
      {thread.replies.length > 0 ? (
        <ol className="comment-thread__replies" aria-label="Replies">
          {thread.replies.map((r) => (
            <li key={r.id} className="comment-reply" data-testid="comment-reply">
              <Author author={r.author} at={r.createdAt} />
              <CommentText body={r.body} delegations={delegations} />
            </li>
          ))}
        </ol>
      ) : null}
      {thread.state === 'resolved' && thread.resolvedBy ? (
        <p className="comment-thread__resolved-by">
          Resolved by {thread.resolvedBy}
          {thread.resolvedAt ? `, ${formatShortUtc(thread.resolvedAt)} UTC` : ''}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {replying ? (
        <div className="comment-thread__reply-form">
          <BodyField id={`reply-${thread.id}`} label="Your reply" value={reply} onChange={setReply} onSubmit={() => void sendReply()} autoFocus />
          <div className="comment-composer__actions">
            <button type="button" className="button button--primary button--small" disabled={busy || !reply.trim() || reply.length > MAX_COMMENT_CHARS} onClick={() => void sendReply()}>
              {busy ? 'Sending…' : 'Reply'}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setReplying(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="comment-thread__actions">
          {access === 'write' ? (
            <button type="button" className="button button--ghost button--small" onClick={() => setReplying(true)}>
              Reply
            </button>
          ) : null}
          {resolvable ? (
            <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => void toggleState()}>
              {thread.state === 'open' ? 'Resolve' : 'Reopen'}
            </button>
          ) : null}
        </div>
      )}
    </article>
  );
}

/**
 * The comment threads of one clause, beside its text: open ones in the order of their
 * words in the clause (detached ones last), resolved ones on demand, the composer for a
 * new comment on the selected words, replies, resolve and reopen.
 */
export function ClauseComments(props: ClauseCommentsProps) {
  const { draftId, clauseId, clauseNumber, threads, collab, me, access, delegations, composer, onCloseComposer, activeId, onActivate, mergeThread, mergeReply } = props;
  const [showResolved, setShowResolved] = useState(false);
  const anchors = useAnchorStates(collab, clauseId, threads);
  const listRef = useRef<HTMLDivElement>(null);
  const open = threads.filter((t) => t.state === 'open');
  const resolved = threads.filter((t) => t.state === 'resolved');
  const order = (a: CommentThreadDto, b: CommentThreadDto) => {
    const x = anchors.get(a.id);
    const y = anchors.get(b.id);
    return Number(x?.detached) - Number(y?.detached) || (x?.offset ?? 0) - (y?.offset ?? 0) || a.createdAt.localeCompare(b.createdAt);
  };
  const shown = [...open.sort(order), ...(showResolved ? resolved.sort(order) : [])];
  const activeResolved = activeId !== null && resolved.some((t) => t.id === activeId);

  // A deep link (#comment-<id>) or a click on highlighted words brings the thread into view.
  useEffect(() => {
    if (activeResolved) setShowResolved(true);
  }, [activeResolved]);
  useEffect(() => {
    if (!activeId) return;
    const el = listRef.current?.querySelector<HTMLElement>(`#comment-${CSS.escape(activeId)}`);
    if (!el) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'nearest' });
  }, [activeId, showResolved]);

  if (threads.length === 0 && !composer) return null;
  return (
    <section className="clause-comments" aria-label={`Comments on clause ${clauseNumber}`} data-testid="clause-comments">
      <header className="clause-comments__head">
        <h3 className="clause-comments__title">
          Comments <span className="clause-comments__count">{open.length} open</span>
        </h3>
        {resolved.length > 0 ? (
          <label className="clause-comments__toggle">
            <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> Show resolved ({resolved.length})
          </label>
        ) : null}
      </header>
      {composer ? (
        <Composer draftId={draftId} clauseId={clauseId} clauseNumber={clauseNumber} target={composer} me={me} onClose={onCloseComposer} onCreated={(t) => { mergeThread(t); onActivate(t.id); }} />
      ) : null}
      <div className="clause-comments__list" ref={listRef}>
        {shown.map((t) => (
          <Thread
            key={t.id}
            draftId={draftId}
            thread={t}
            anchorState={anchors.get(t.id)}
            me={me}
            access={access}
            delegations={delegations}
            active={t.id === activeId}
            onActivate={onActivate}
            mergeThread={mergeThread}
            mergeReply={mergeReply}
          />
        ))}
        {shown.length === 0 && !composer ? <p className="clause-comments__empty">All comments on this clause are resolved.</p> : null}
      </div>
    </section>
  );
}
