'use client';

import { clauseLabel } from '@/lib/domain/clause-number';
import type { Editor } from '@tiptap/core';
import {
  forwardRef,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type FormEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { CommentReplyDto, CommentThreadDto } from '@/lib/api/comment-types';
import { resolveAnchor, type EncodedAnchor } from '@/lib/comments/comment-anchor';
import { canResolveThread, MAX_COMMENT_CHARS, teamLabel, type CommentVisibility } from '@/lib/comments/comment-visibility';
import { clauseField } from '@/lib/collab/clause-field';
import type { DraftAccess } from '@/lib/authz/draft-access';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import type { RoomMe } from '../room-types';
import { formatShortUtc } from '../ui/format';
import type { Collab } from '../use-collab';
import { CommentText } from './comment-text';
import { createThread, replyToThread, setThreadState } from './comments-api';
import { useMarginLayout, type MarginCard } from './use-margin-layout';

export interface ComposerTarget {
  anchor: EncodedAnchor;
  quote: string;
}

/** `margin`: cards beside the text, level with their words (wide screens); `list`: under the clause. */
export type CommentsLayout = 'margin' | 'list';

interface ClauseCommentsProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number | null;
  threads: readonly CommentThreadDto[];
  collab: Collab | null;
  me: RoomMe;
  access: DraftAccess;
  delegations: ReadonlySet<string>;
  composer: ComposerTarget | null;
  onCloseComposer: () => void;
  activeId: string | null;
  onActivate: (threadId: string | null) => void;
  /** The clause's editor: the margin measures where the highlighted words are. */
  editor: Editor | null;
  layout: CommentsLayout;
  /** Emphasise a thread's words in the text (its card is hovered or focused), or stop (null). */
  onEmphasise: (threadId: string | null) => void;
  /** In the margin: how tall the comments are (px, 0 when there are none), so the clause can make room for them. */
  onMarginHeight?: (height: number) => void;
  mergeThread: (thread: CommentThreadDto) => void;
  mergeReply: (reply: CommentReplyDto) => void;
}

const LOCK = (
  <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true" focusable="false">
    <path
      d="M4.5 7V5a3.5 3.5 0 1 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h.5Zm1.5 0h4V5a2 2 0 1 0-4 0v2Z"
      fill="currentColor"
    />
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
      map.set(
        t.id,
        r.ok
          ? { offset: r.anchor.from, detached: r.anchor.detached, text: r.anchor.text }
          : { offset: Number.MAX_SAFE_INTEGER, detached: r.reason !== 'unknown', text: null },
      );
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

interface ComposerProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number | null;
  target: ComposerTarget;
  me: RoomMe;
  onClose: () => void;
  onCreated: (thread: CommentThreadDto) => void;
  /** Its place in the margin (absent in the list). */
  style?: CSSProperties;
  className?: string;
}

/**
 * New comments being written, by clause and quoted words. Like `replyDrafts` below: the
 * composer is rendered in the margin or in the list under the clause depending on the
 * window's width, so its text and visibility are kept here until sent or cancelled.
 */
const composerDrafts = new Map<string, { body: string; visibility: CommentVisibility }>();

function useComposerDraft(clauseId: string, quote: string) {
  const key = `${clauseId}\n${quote}`;
  const [draft, setDraft] = useState(() => composerDrafts.get(key) ?? { body: '', visibility: 'everyone' as CommentVisibility });
  const update = useCallback(
    (next: { body: string; visibility: CommentVisibility } | null) => {
      if (next && (next.body || next.visibility !== 'everyone')) composerDrafts.set(key, next);
      else composerDrafts.delete(key);
      setDraft(next ?? { body: '', visibility: 'everyone' });
    },
    [key],
  );
  return [draft, update] as const;
}

const Composer = forwardRef<HTMLFormElement, ComposerProps>(function Composer(
  { draftId, clauseId, clauseNumber, target, me, onClose, onCreated, style, className },
  ref,
) {
  const [{ body, visibility }, setDraft] = useComposerDraft(clauseId, target.quote);
  const setBody = (text: string) => setDraft({ body: text, visibility });
  const setVisibility = (v: CommentVisibility) => setDraft({ body, visibility: v });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setDraft(null);
    onClose();
  };
  const team = me.role === 'secretariat' ? 'the secretariat' : (me.delegation ?? 'your delegation');
  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || !body.trim() || body.length > MAX_COMMENT_CHARS) return;
    setBusy(true);
    setError(null);
    try {
      const thread = await createThread(draftId, { clauseId, anchor: target.anchor, quote: target.quote, body, visibility });
      onCreated(thread);
      close();
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The comment could not be saved.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      ref={ref}
      className={`comment-composer${className ? ` ${className}` : ''}`}
      style={style}
      aria-label={`New comment on ${clauseLabel(clauseNumber).toLowerCase()}`}
      data-testid="comment-composer"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          close();
        }
      }}
    >
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
          <input
            type="radio"
            name={`visibility-${clauseId}`}
            value="delegation"
            checked={visibility === 'delegation'}
            onChange={() => setVisibility('delegation')}
          />
          {LOCK} Only {team} (internal note)
        </label>
      </fieldset>
      {visibility === 'delegation' ? (
        <p className="comment-composer__hint">
          Nobody outside {team} receives an internal note, not even the secretariat; mentions in it notify only {team}.
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="comment-composer__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy || !body.trim() || body.length > MAX_COMMENT_CHARS}>
          {busy ? 'Saving…' : 'Comment'}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={close}>
          Cancel
        </button>
        <span className="comment-composer__keys">Ctrl+Enter to send</span>
      </div>
    </form>
  );
});

interface ThreadProps {
  draftId: string;
  thread: CommentThreadDto;
  anchorState: { detached: boolean; text: string | null } | undefined;
  me: RoomMe;
  access: DraftAccess;
  delegations: ReadonlySet<string>;
  active: boolean;
  onActivate: (id: string | null) => void;
  onEmphasise: (id: string | null) => void;
  /** Bring the thread's words into view in the text. */
  onShowWords: (id: string) => void;
  mergeThread: (thread: CommentThreadDto) => void;
  mergeReply: (reply: CommentReplyDto) => void;
  /** In the margin the card sits beside its words, so it does not repeat them. */
  inMargin: boolean;
  style?: CSSProperties;
  className?: string;
}

/**
 * Replies being written, by thread. A card is rendered in another tree when the layout
 * changes (the margin on wide screens, the list under the clause otherwise), so its own
 * state would not survive a window crossing that width: the reply is kept here until it
 * is sent.
 */
const replyDrafts = new Map<string, { text: string; open: boolean }>();

function useReplyDraft(threadId: string) {
  const [draft, setDraft] = useState(() => replyDrafts.get(threadId) ?? { text: '', open: false });
  const update = useCallback(
    (next: { text: string; open: boolean }) => {
      if (next.text || next.open) replyDrafts.set(threadId, next);
      else replyDrafts.delete(threadId);
      setDraft(next);
    },
    [threadId],
  );
  return [draft, update] as const;
}

/** The replies of a thread and who resolved it. */
function ThreadReplies({ thread, delegations }: { thread: CommentThreadDto; delegations: ThreadProps['delegations'] }) {
  return (
    <>
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
    </>
  );
}

interface ThreadActionsProps {
  threadId: string;
  reply: string;
  replying: boolean;
  busy: boolean;
  canReply: boolean;
  resolvable: boolean;
  open: boolean;
  onReply: (text: string) => void;
  onReplying: (open: boolean) => void;
  onSend: () => void;
  onToggleState: () => void;
}

/** The reply form while replying; otherwise Reply and Resolve (or Reopen). */
function ThreadActions({ threadId, reply, replying, busy, canReply, resolvable, open, onReply, onReplying, onSend, onToggleState }: ThreadActionsProps) {
  return (
    <>
      {replying ? (
        <div className="comment-thread__reply-form">
          <BodyField id={`reply-${threadId}`} label="Your reply" value={reply} onChange={onReply} onSubmit={onSend} autoFocus />
          <div className="comment-composer__actions">
            <button
              type="button"
              className="button button--primary button--small"
              disabled={busy || !reply.trim() || reply.length > MAX_COMMENT_CHARS}
              onClick={onSend}
            >
              {busy ? 'Sending…' : 'Reply'}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => onReplying(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="comment-thread__actions">
          {canReply ? (
            <button type="button" className="button button--ghost button--small" onClick={() => onReplying(true)}>
              Reply
            </button>
          ) : null}
          {resolvable ? (
            <button type="button" className="button button--secondary button--small" data-no-activate disabled={busy} onClick={onToggleState}>
              {open ? 'Resolve' : 'Reopen'}
            </button>
          ) : null}
        </div>
      )}
    </>
  );
}

const Thread = forwardRef<HTMLElement, ThreadProps>(function Thread(
  { draftId, thread, anchorState, me, access, delegations, active, onActivate, onEmphasise, onShowWords, mergeThread, mergeReply, inMargin, style, className },
  ref,
) {
  const [draft, setDraft] = useReplyDraft(thread.id);
  const { text: reply, open: replying } = draft;
  const setReply = (text: string) => setDraft({ text, open: true });
  const setReplying = (open: boolean) => setDraft({ text: reply, open });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const internal = thread.visibility === 'delegation';
  const detached = anchorState?.detached ?? false;
  const resolvable = canResolveThread(me, access, thread);
  const open = thread.state === 'open';

  const sendReply = async () => {
    if (busy || !reply.trim() || reply.length > MAX_COMMENT_CHARS) return;
    setBusy(true);
    setError(null);
    try {
      mergeReply(await replyToThread(draftId, thread.id, reply));
      setDraft({ text: '', open: false });
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

  // A click anywhere in an open card makes it the active one (its words marked, its place kept), except on Resolve.
  const onClick = (e: MouseEvent<HTMLElement>) => {
    if (!open || (e.target as HTMLElement).closest('[data-no-activate]')) return;
    if (!active) onActivate(thread.id);
  };
  // Keyboard focus activates too; a mouse click on a button inside is handled by onClick.
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    onEmphasise(thread.id);
    if (open && !active && (e.target as HTMLElement).matches(':focus-visible') && !(e.target as HTMLElement).closest('[data-no-activate]'))
      onActivate(thread.id);
  };
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) onEmphasise(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (open) onActivate(thread.id);
      if (access === 'write') setReplying(true);
    } else if (e.key === 'Escape' && active) {
      e.preventDefault();
      onActivate(null);
    }
  };

  return (
    <article
      ref={ref}
      className={`comment-thread${active ? ' is-active' : ''}${thread.state === 'resolved' ? ' is-resolved' : ''}${internal ? ' is-internal' : ''}${detached ? ' is-detached' : ''}${className ? ` ${className}` : ''}`}
      style={style}
      id={`comment-${thread.id}`}
      tabIndex={0}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-visibility={thread.visibility}
      data-state={thread.state}
      data-detached={detached ? 'true' : 'false'}
      aria-label={`Comment by ${thread.author.delegation ?? 'Secretariat'}, ${thread.author.name}${internal ? ', internal note' : ''}${thread.state === 'resolved' ? ', resolved' : ''}${detached ? ', detached' : ''}`}
      aria-current={active ? 'true' : undefined}
      aria-keyshortcuts={access === 'write' ? 'Enter' : undefined}
      onClick={onClick}
      onFocus={onFocus}
      onBlur={onBlur}
      onKeyDown={onKeyDown}
      onMouseEnter={() => onEmphasise(thread.id)}
      onMouseLeave={(e) => {
        if (!e.currentTarget.contains(document.activeElement)) onEmphasise(null);
      }}
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
      ) : inMargin && open ? null : (
        <button
          type="button"
          className="comment__quote"
          aria-pressed={active}
          title="Show these words in the text"
          onClick={() => {
            if (open) onActivate(thread.id);
            onShowWords(thread.id);
          }}
        >
          “{anchorState?.text || thread.quote}”
        </button>
      )}
      <CommentText body={thread.body} delegations={delegations} />
      <ThreadReplies thread={thread} delegations={delegations} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <ThreadActions
        threadId={thread.id}
        reply={reply}
        replying={replying}
        busy={busy}
        canReply={access === 'write'}
        resolvable={resolvable}
        open={thread.state === 'open'}
        onReply={setReply}
        onReplying={setReplying}
        onSend={() => void sendReply()}
        onToggleState={() => void toggleState()}
      />
    </article>
  );
});

type MarginLayoutState = ReturnType<typeof useMarginLayout>['layout'];

/** Where each margin card goes; cards placed in the previous layout move smoothly, a card placed for the first time just appears. */
function useMarginPlacement(layout: MarginLayoutState, inMargin: boolean): (id: string) => { style?: CSSProperties; className?: string } {
  const placedBefore = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    placedBefore.current = new Set(layout?.tops.keys() ?? []);
  }, [layout]);
  return (id: string) => {
    if (!inMargin) return {};
    const top = layout?.tops.get(id);
    if (top === undefined) return { className: 'margin-card is-unplaced' };
    return { style: { transform: `translateY(${top}px)` }, className: `margin-card${placedBefore.current.has(id) ? ' is-moving' : ''}` };
  };
}

interface FollowActiveOptions {
  rootRef: React.RefObject<HTMLElement | null>;
  threads: readonly CommentThreadDto[];
  activeId: string | null;
  activeResolved: boolean;
  onActivate: (id: string | null) => void;
  inMargin: boolean;
  /** The active card's place in the margin, once it has one. */
  activePlaced: number | undefined;
  showResolved: boolean;
  setShowResolved: (show: boolean) => void;
}

/** Keeps the active thread in view and the resolved ones shown when it is one of them. */
function useFollowActive({
  rootRef,
  threads,
  activeId,
  activeResolved,
  onActivate,
  inMargin,
  activePlaced,
  showResolved,
  setShowResolved,
}: FollowActiveOptions) {
  // A thread opened while resolved (a link to #comment-<id>) shows the resolved ones; the active thread
  // being resolved (here or by someone else) is no longer active and goes behind the toggle.
  const activeState = activeId ? threads.find((t) => t.id === activeId)?.state : undefined;
  const previous = useRef<{ id: string | null; state: string | undefined }>({ id: null, state: undefined });
  useEffect(() => {
    const before = previous.current;
    previous.current = { id: activeId, state: activeState };
    if (activeId !== before.id && activeResolved) setShowResolved(true);
    if (activeId && activeId === before.id && before.state === 'open' && activeState === 'resolved') onActivate(null);
  }, [activeId, activeState, activeResolved, onActivate, setShowResolved]);

  // A deep link or a click on highlighted words brings the thread into view.
  const scrolledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!activeId) {
      scrolledFor.current = null;
      return;
    }
    // In the margin, once the card has its place beside the words.
    if (scrolledFor.current === activeId || (inMargin && activePlaced === undefined && !activeResolved)) return;
    const el = rootRef.current?.querySelector<HTMLElement>(`#comment-${CSS.escape(activeId)}`);
    if (!el) return;
    scrolledFor.current = activeId;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'nearest' });
  }, [activeId, showResolved, inMargin, activePlaced, activeResolved, rootRef]);
}

/** The margin is beside the clause, out of its flow: tell the clause how much room it takes (0 when not shown). */
function useReportMarginHeight(rootRef: React.RefObject<HTMLElement | null>, shown: boolean, onMarginHeight: ((height: number) => void) | undefined) {
  useLayoutEffect(() => {
    const el = rootRef.current;
    if (!onMarginHeight) return;
    if (!shown || !el) {
      onMarginHeight(0);
      return;
    }
    const report = () => onMarginHeight(Math.ceil(el.getBoundingClientRect().height));
    report();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [rootRef, shown, onMarginHeight]);
}

const COMPOSER_ID = 'composer';

/** The threads of a clause in the order of their words in the clause, detached ones last. */
function useSortedThreads(threads: readonly CommentThreadDto[], anchors: ReturnType<typeof useAnchorStates>) {
  return useMemo(() => {
    const order = (a: CommentThreadDto, b: CommentThreadDto) => {
      const x = anchors.get(a.id);
      const y = anchors.get(b.id);
      return Number(x?.detached) - Number(y?.detached) || (x?.offset ?? 0) - (y?.offset ?? 0) || a.createdAt.localeCompare(b.createdAt);
    };
    return {
      open: threads.filter((t) => t.state === 'open').sort(order),
      resolved: threads.filter((t) => t.state === 'resolved').sort(order),
    };
  }, [threads, anchors]);
}

/** The margin layout of a clause's open threads (and the composer, first), and where each card goes. */
function useCommentMargin(args: {
  inMargin: boolean;
  editor: ClauseCommentsProps['editor'];
  composer: boolean;
  open: CommentThreadDto[];
  anchors: ReturnType<typeof useAnchorStates>;
  activeId: string | null;
}) {
  const { inMargin, editor, composer, open, anchors, activeId } = args;
  const marginCards = useMemo<MarginCard[]>(
    () => [...(composer ? [{ id: COMPOSER_ID, detached: false }] : []), ...open.map((t) => ({ id: t.id, detached: anchors.get(t.id)?.detached ?? false }))],
    [composer, open, anchors],
  );
  const margin = useMarginLayout({ enabled: inMargin, editor, cards: marginCards, activeId: composer ? COMPOSER_ID : activeId });
  const place = useMarginPlacement(margin.layout, inMargin);
  return { margin, place };
}

/** Scroll a thread's words into view in the clause text. */
function scrollToWords(editor: ClauseCommentsProps['editor'], id: string) {
  const dom = editor && !editor.isDestroyed ? editor.view.dom : null;
  const words = dom?.querySelector<HTMLElement>(`[data-comment-id="${CSS.escape(id)}"]`);
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  words?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'nearest' });
}

function ResolvedToggle({ count, shown, onChange }: { count: number; shown: boolean; onChange: (shown: boolean) => void }) {
  return (
    <label className="clause-comments__toggle">
      <input type="checkbox" checked={shown} onChange={(e) => onChange(e.target.checked)} /> Show resolved ({count})
    </label>
  );
}

/**
 * The comment threads of one clause and the composer for a new comment on the selected
 * words, with replies, resolve and reopen. Two layouts:
 * - `margin` (wide screens): open threads are cards beside the text, each level with
 *   its words and stacked without overlap (use-margin-layout.ts); the composer opens at
 *   the selection's height; threads whose words were deleted go to the bottom, marked
 *   detached; resolved threads are listed below, on demand.
 * - `list` (narrow screens): the same cards under the clause, in the order of their
 *   words (detached ones last), resolved ones on demand.
 * Hovering or focusing a card emphasises its words; clicking its words activates it.
 */
export function ClauseComments(props: ClauseCommentsProps) {
  const {
    draftId,
    clauseId,
    clauseNumber,
    threads,
    collab,
    me,
    access,
    delegations,
    composer,
    onCloseComposer,
    activeId,
    onActivate,
    editor,
    layout,
    onEmphasise,
    onMarginHeight,
    mergeThread,
    mergeReply,
  } = props;
  const [showResolved, setShowResolved] = useState(false);
  const anchors = useAnchorStates(collab, clauseId, threads);
  const rootRef = useRef<HTMLElement>(null);
  const inMargin = layout === 'margin';
  const open = threads.filter((t) => t.state === 'open');
  const resolved = threads.filter((t) => t.state === 'resolved');
  const sorted = useSortedThreads(threads, anchors);
  const openSorted = sorted.open;
  const resolvedSorted = showResolved ? sorted.resolved : [];
  const activeResolved = activeId !== null && resolved.some((t) => t.id === activeId);

  const { margin, place } = useCommentMargin({ inMargin, editor, composer: composer !== null && composer !== undefined, open: sorted.open, anchors, activeId });

  useFollowActive({
    rootRef,
    threads,
    activeId,
    activeResolved,
    onActivate,
    inMargin,
    activePlaced: inMargin && activeId ? margin.layout?.tops.get(activeId) : undefined,
    showResolved,
    setShowResolved,
  });

  const empty = threads.length === 0 && !composer;
  useReportMarginHeight(rootRef, inMargin && !empty, onMarginHeight);

  const showWords = (id: string) => scrollToWords(editor, id);

  if (empty) return null;

  const threadCard = (t: CommentThreadDto, positioned: boolean) => {
    const at = positioned ? place(t.id) : {};
    return (
      <Thread
        key={t.id}
        ref={positioned ? margin.cardRef(t.id) : undefined}
        draftId={draftId}
        thread={t}
        anchorState={anchors.get(t.id)}
        me={me}
        access={access}
        delegations={delegations}
        active={t.id === activeId}
        onActivate={onActivate}
        onEmphasise={onEmphasise}
        onShowWords={showWords}
        mergeThread={mergeThread}
        mergeReply={mergeReply}
        inMargin={inMargin}
        style={at.style}
        className={at.className}
      />
    );
  };
  const composerForm = composer ? (
    <Composer
      ref={inMargin ? margin.cardRef(COMPOSER_ID) : undefined}
      draftId={draftId}
      clauseId={clauseId}
      clauseNumber={clauseNumber}
      target={composer}
      me={me}
      onClose={onCloseComposer}
      onCreated={(t) => {
        mergeThread(t);
        onActivate(t.id);
      }}
      {...place(COMPOSER_ID)}
    />
  ) : null;
  const resolvedToggle = resolved.length > 0 ? <ResolvedToggle count={resolved.length} shown={showResolved} onChange={setShowResolved} /> : null;

  if (inMargin) {
    return (
      <section
        ref={rootRef}
        className="clause-comments clause-comments--margin"
        aria-label={`Comments on ${clauseLabel(clauseNumber).toLowerCase()}`}
        data-testid="clause-comments"
        data-layout="margin"
      >
        <h3 className="visually-hidden">
          Comments: {open.length} open{resolved.length ? `, ${resolved.length} resolved` : ''}
        </h3>
        <div className="clause-comments__stack" ref={margin.stackRef} style={{ height: margin.layout?.bottom ?? 0 }}>
          {composerForm}
          {openSorted.map((t) => threadCard(t, true))}
        </div>
        {resolvedToggle || (open.length === 0 && !composer) ? (
          <div className="clause-comments__resolved">
            {resolvedToggle}
            {resolvedSorted.length > 0 ? <div className="clause-comments__list">{resolvedSorted.map((t) => threadCard(t, false))}</div> : null}
            {open.length === 0 && !composer && !showResolved ? <p className="clause-comments__empty">All comments on this clause are resolved.</p> : null}
          </div>
        ) : null}
      </section>
    );
  }

  const shown = [...openSorted, ...resolvedSorted];
  return (
    <section
      ref={rootRef}
      className="clause-comments"
      aria-label={`Comments on ${clauseLabel(clauseNumber).toLowerCase()}`}
      data-testid="clause-comments"
      data-layout="list"
    >
      <header className="clause-comments__head">
        <h3 className="clause-comments__title">
          Comments <span className="clause-comments__count">{open.length} open</span>
        </h3>
        {resolvedToggle}
      </header>
      {composerForm}
      <div className="clause-comments__list">
        {shown.map((t) => threadCard(t, false))}
        {shown.length === 0 && !composer ? <p className="clause-comments__empty">All comments on this clause are resolved.</p> : null}
      </div>
    </section>
  );
}
