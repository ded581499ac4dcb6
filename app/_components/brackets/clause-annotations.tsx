'use client';

import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import * as Y from 'yjs';
import type { AlternativeDto, AnchorDto, BracketDto } from '@/lib/api/types';
import { annotationRefusal, canRemoveBracket, canWithdrawAlternative } from '@/lib/authz/annotations';
import type { DraftAccess } from '@/lib/authz/draft-access';
import { MAX_WORDING_CHARS } from '@/lib/annotations/schemas';
import { clauseField } from '@/lib/collab/clause-field';
import { decodeAnchor, resolveSpan } from '@/lib/collab/text-anchor';
import type { ClauseStatus, DelegationCode } from '@/lib/domain/vocabulary';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import type { RoomMe } from '../room-types';
import { Modal, ModalFooter } from '../room/modal';
import { formatShortUtc } from '../room/format';
import { addBracket, adoptAlternative, proposeAlternative, removeBracket, setBacking, withdrawAlternative } from './annotations-api';
import { anchorSelection } from './recorded-brackets';
import type { ClauseAnnotations } from './use-annotations';

export interface ClauseAnnotationsProps {
  draftId: string;
  clauseId: string;
  clauseNumber: number;
  status: ClauseStatus;
  access: Exclude<DraftAccess, 'none'>;
  me: RoomMe;
  /** Our delegation when the signed-in person backs alternatives for it; null otherwise. */
  ownDelegation: DelegationCode | null;
  annotations: ClauseAnnotations;
  editor: Editor | null;
  doc: Y.Doc | null;
  onBracket: (bracket: BracketDto) => void;
  onAlternatives: (alternatives: readonly AlternativeDto[]) => void;
}

const who = (delegation: DelegationCode | null, name: string) => (delegation ? `${delegation} · ${name}` : `Secretariat · ${name}`);

/** Re-render when the clause's text changes, so that where each anchor lands stays current. */
function useFragmentVersion(doc: Y.Doc | null, clauseId: string): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!doc) return;
    const fragment = doc.getXmlFragment(clauseField(clauseId));
    const bump = () => setVersion((v) => v + 1);
    fragment.observeDeep(bump);
    return () => fragment.unobserveDeep(bump);
  }, [doc, clauseId]);
  return version;
}

/** The words an anchor covers in this browser's copy of the text now, or null when they were deleted. */
function liveText(doc: Y.Doc | null, clauseId: string, anchor: AnchorDto | undefined, fallback: string | null): string | null {
  if (!doc || !anchor) return fallback;
  const start = decodeAnchor(anchor.start);
  const end = decodeAnchor(anchor.end);
  if (!start || !end) return fallback;
  return resolveSpan(doc, clauseId, { start, end })?.text ?? null;
}

/** The selection in the clause's editor, kept current as it moves. */
function useSelection(editor: Editor | null): boolean {
  const [selected, setSelected] = useState(false);
  useEffect(() => {
    if (!editor) return;
    const update = () => setSelected(!editor.state.selection.empty);
    update();
    editor.on('selectionUpdate', update);
    editor.on('transaction', update);
    return () => {
      editor.off('selectionUpdate', update);
      editor.off('transaction', update);
    };
  }, [editor]);
  return selected;
}

type Dialog =
  | { kind: 'propose'; span: { anchor: AnchorDto; quote: string } | null; competesWith?: AlternativeDto }
  | { kind: 'adopt'; alternative: AlternativeDto; current: string | null };

/**
 * Brackets and alternative wordings of one clause: the tools to bracket the selected
 * words or propose another wording, the open brackets (who, when, remove), the open
 * alternatives side by side with their backers (back, withdraw, adopt), and the
 * history (removed brackets, archived, withdrawn and adopted alternatives). The card
 * on a bracket in the text opens from here too (hover or focus its `[`).
 */
export function ClauseAnnotationsPanel(props: ClauseAnnotationsProps) {
  const { draftId, clauseId, clauseNumber, status, access, me, ownDelegation, annotations, editor, doc, onBracket, onAlternatives } = props;
  const id = useId();
  const hasSelection = useSelection(editor);
  useFragmentVersion(doc, clauseId);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const identity = useMemo(() => ({ userId: me.userId, email: '', name: me.name, role: me.role, delegation: me.delegation }), [me]);
  const refusal = annotationRefusal(identity, access, status);
  const canAnnotate = refusal === null;

  const openBrackets = annotations.brackets.filter((b) => b.state === 'open');
  const removedBrackets = annotations.brackets.filter((b) => b.state === 'removed');
  const openAlternatives = annotations.alternatives.filter((a) => a.state === 'open');
  const pastAlternatives = annotations.alternatives.filter((a) => a.state !== 'open');
  const groups = useMemo(() => {
    const map = new Map<string, AlternativeDto[]>();
    for (const a of openAlternatives) map.set(a.groupId, [...(map.get(a.groupId) ?? []), a]);
    return [...map.values()];
  }, [openAlternatives]);

  const run = useCallback(async (key: string, action: () => Promise<void>, done?: string) => {
    setBusy(key);
    setMessage(null);
    try {
      await action();
      if (done) setMessage({ tone: 'ok', text: done });
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof Error ? err.message : 'This could not be done.' });
    } finally {
      setBusy(null);
    }
  }, []);

  const selection = () => (editor ? anchorSelection(editor.state) : null);

  const bracketSelection = () => {
    const sel = selection();
    if (!sel) {
      setMessage({ tone: 'error', text: 'Select the words to bracket in the clause text first.' });
      return;
    }
    void run('bracket', async () => onBracket(await addBracket(draftId, clauseId, sel.anchor, sel.quote)), `Bracketed “${sel.quote.slice(0, 80)}”.`);
  };

  const removeOne = (b: BracketDto) => run(`remove-${b.id}`, async () => onBracket(await removeBracket(draftId, b.id)), 'Bracket removed.');

  // The card of the bracket whose `[` is hovered or focused in the text.
  const [card, setCard] = useState<{ id: string; top: number; left: number } | null>(null);
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    let hideTimer: ReturnType<typeof setTimeout> | undefined;
    const show = (event: Event) => {
      const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-bracket-id]');
      if (!target) return;
      clearTimeout(hideTimer);
      const rect = target.getBoundingClientRect();
      setCard({ id: target.dataset.bracketId!, top: rect.bottom + 6, left: Math.max(8, rect.left - 8) });
    };
    const hide = (event: Event) => {
      const to = (event as MouseEvent | FocusEvent).relatedTarget as HTMLElement | null;
      if (to?.closest('.bracket-card')) return;
      hideTimer = setTimeout(() => setCard(null), 400);
    };
    dom.addEventListener('mouseover', show);
    dom.addEventListener('focusin', show);
    dom.addEventListener('mouseout', hide);
    dom.addEventListener('focusout', hide);
    const onScroll = () => setCard(null);
    window.addEventListener('scroll', onScroll, { passive: true, capture: true });
    return () => {
      clearTimeout(hideTimer);
      dom.removeEventListener('mouseover', show);
      dom.removeEventListener('focusin', show);
      dom.removeEventListener('mouseout', hide);
      dom.removeEventListener('focusout', hide);
      window.removeEventListener('scroll', onScroll, { capture: true });
    };
  }, [editor]);
  const cardBracket = card ? openBrackets.find((b) => b.id === card.id) : undefined;

  const empty = openBrackets.length === 0 && openAlternatives.length === 0 && removedBrackets.length === 0 && pastAlternatives.length === 0;
  if (!canAnnotate && empty) return null;

  return (
    <div className={`annot${empty ? ' annot--empty' : ''}`} data-testid="clause-annotations" aria-labelledby={`${id}-title`} role="group">
      <div className="annot__bar">
        <h3 className={empty ? 'visually-hidden' : 'annot__title'} id={`${id}-title`}>
          Brackets and alternatives
          <span className="annot__counts">
            {openBrackets.length ? ` · ${openBrackets.length} open bracket${openBrackets.length === 1 ? '' : 's'}` : ''}
            {openAlternatives.length ? ` · ${openAlternatives.length} open alternative${openAlternatives.length === 1 ? '' : 's'}` : ''}
          </span>
        </h3>
        {canAnnotate ? (
          <div className="annot__tools">
            <button
              type="button"
              className="button button--ghost button--small"
              data-testid="bracket-selection"
              onMouseDown={(e) => e.preventDefault()}
              onClick={bracketSelection}
              disabled={!hasSelection || busy !== null}
              title={hasSelection ? 'Put the selected words in square brackets, in your delegation’s name' : 'Select words in the clause text first'}
            >
              <span aria-hidden="true">[ ]</span> Bracket selection
            </button>
            <button
              type="button"
              className="button button--ghost button--small"
              data-testid="propose-alternative"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => setDialog({ kind: 'propose', span: selection() })}
              disabled={busy !== null}
            >
              Propose alternative…
            </button>
          </div>
        ) : null}
      </div>
      {message ? (
        <p className={message.tone === 'error' ? 'form-error' : 'annot__ok'} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="annotations-message">
          {message.text}
        </p>
      ) : null}

      {openBrackets.length ? (
        <ul className="annot__brackets" aria-label="Open brackets">
          {openBrackets.map((b) => {
            const text = liveText(doc, clauseId, b.anchor, b.current?.text ?? null);
            const removable = canAnnotate && canRemoveBracket(identity, b.delegation);
            return (
              <li key={b.id} className={`annot__bracket${text === null ? ' is-detached' : ''}`} data-testid="bracket-item" data-bracket-id={b.id} data-detached={text === null ? 'true' : 'false'}>
                <span className="annot__quote">
                  <span aria-hidden="true">[</span>
                  {text ?? b.quote}
                  <span aria-hidden="true">]</span>
                </span>
                <span className="annot__meta">
                  {who(b.delegation, b.proposedBy)},{' '}
                  <time dateTime={b.proposedAt} title={formatDateTimeUtc(b.proposedAt)}>
                    {formatShortUtc(b.proposedAt)} UTC
                  </time>
                  {text === null ? <strong className="annot__detached"> · detached: these words were deleted (not counted)</strong> : null}
                </span>
                {removable ? (
                  <button type="button" className="linkish" onClick={() => void removeOne(b)} disabled={busy !== null} aria-label={`Remove the bracket on “${b.quote.slice(0, 60)}”`}>
                    Remove
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}

      {groups.map((group) => {
        const first = group[0];
        const current = first.scope === 'span' ? liveText(doc, clauseId, first.anchor, first.current?.text ?? null) : doc ? null : first.quote;
        const currentLabel = first.scope === 'span' ? (current ?? 'these words were deleted') : 'the clause as it stands';
        return (
          <section key={first.groupId} className="alts" data-testid="alternative-group" aria-label={`Alternatives for ${first.scope === 'span' ? `“${first.quote.slice(0, 60)}”` : 'the whole clause'}`}>
            <div className="alts__grid">
              <article className="alt alt--current" data-testid="alternative" data-alt-number="1">
                <header className="alt__head">
                  <span className="alt__label">ALT 1</span>
                  <span className="alt__by">current text</span>
                </header>
                <p className="alt__body">{first.scope === 'span' ? currentLabel : <em>{currentLabel}</em>}</p>
              </article>
              {group.map((a) => {
                const backed = ownDelegation ? a.backers.includes(ownDelegation) : false;
                return (
                  <article key={a.id} className="alt" data-testid="alternative" data-alt-number={a.number} data-alternative-id={a.id}>
                    <header className="alt__head">
                      <span className="alt__label">ALT {a.number}</span>
                      <span className="alt__by">
                        {who(a.delegation, a.proposedBy)},{' '}
                        <time dateTime={a.proposedAt} title={formatDateTimeUtc(a.proposedAt)}>
                          {formatShortUtc(a.proposedAt)} UTC
                        </time>
                      </span>
                    </header>
                    <p className="alt__body">{a.body}</p>
                    {a.note ? <p className="alt__note">“{a.note}”</p> : null}
                    <p className="alt__backers" data-testid="alternative-backers">
                      {a.backers.length ? (
                        <>
                          Backed by{' '}
                          {a.backers.map((d) => (
                            <span key={d} className="alt__backer">
                              {d}
                            </span>
                          ))}
                        </>
                      ) : (
                        <span className="annot__muted">No delegation backs it yet</span>
                      )}
                    </p>
                    <div className="alt__actions">
                      {ownDelegation && canAnnotate ? (
                        <button
                          type="button"
                          className={`button button--small ${backed ? 'button--ghost' : 'button--secondary'}`}
                          aria-pressed={backed}
                          disabled={busy !== null}
                          onClick={() =>
                            void run(`back-${a.id}`, async () => onAlternatives(await setBacking(draftId, a.id, !backed)), backed ? `${ownDelegation} no longer backs ALT ${a.number}.` : `${ownDelegation} backs ALT ${a.number}.`)
                          }
                        >
                          {backed ? `Stop backing (${ownDelegation})` : `Back ALT ${a.number}`}
                        </button>
                      ) : null}
                      {canAnnotate && canWithdrawAlternative(identity, a.delegation) ? (
                        <button
                          type="button"
                          className="linkish"
                          disabled={busy !== null}
                          onClick={() => void run(`withdraw-${a.id}`, async () => onAlternatives([await withdrawAlternative(draftId, a.id)]), `ALT ${a.number} withdrawn.`)}
                        >
                          Withdraw
                        </button>
                      ) : null}
                      {me.role === 'secretariat' && access === 'write' && status !== 'withdrawn' ? (
                        <button type="button" className="button button--primary button--small" disabled={busy !== null} onClick={() => setDialog({ kind: 'adopt', alternative: a, current: first.scope === 'span' ? current : null })}>
                          Adopt ALT {a.number}
                        </button>
                      ) : null}
                    </div>
                  </article>
                );
              })}
            </div>
            {canAnnotate && (first.scope === 'clause' || current !== null) ? (
              <button type="button" className="linkish alts__more" onClick={() => setDialog({ kind: 'propose', span: null, competesWith: first })}>
                Propose another wording for {first.scope === 'span' ? 'these words' : 'the clause'}…
              </button>
            ) : null}
          </section>
        );
      })}

      {removedBrackets.length || pastAlternatives.length ? (
        <details className="annot__history" data-testid="annotations-history">
          <summary>
            History: {removedBrackets.length} removed bracket{removedBrackets.length === 1 ? '' : 's'}, {pastAlternatives.length} archived alternative
            {pastAlternatives.length === 1 ? '' : 's'}
          </summary>
          <ul>
            {removedBrackets.map((b) => (
              <li key={b.id} data-testid="removed-bracket">
                [{b.quote}] — bracketed by {who(b.delegation, b.proposedBy)}, removed by {b.removedByDelegation ? `${b.removedByDelegation} · ` : 'Secretariat · '}
                {b.removedBy ?? 'unknown'}
                {b.removedAt ? `, ${formatShortUtc(b.removedAt)} UTC` : ''}
              </li>
            ))}
            {pastAlternatives.map((a) => (
              <li key={a.id} data-testid="archived-alternative" data-state={a.state}>
                <strong>ALT {a.number}</strong> ({a.state}) “{a.body}” — proposed by {who(a.delegation, a.proposedBy)}
                {a.decisionNote ? `; ${a.decisionNote}` : ''}
                {a.decidedBy && a.decidedAt ? ` (${a.decidedBy}, ${formatShortUtc(a.decidedAt)} UTC)` : ''}
                {a.state === 'adopted' && a.replacedText !== undefined ? ` It replaced “${a.replacedText.slice(0, 200)}”.` : ''}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {cardBracket && card ? (
        <div
          className="bracket-card"
          role="group"
          aria-label="Bracket"
          data-testid="bracket-card"
          style={{ top: card.top, left: card.left }}
          onMouseLeave={() => setCard(null)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setCard(null);
          }}
        >
          <p className="bracket-card__title">Bracketed by {cardBracket.delegation ?? 'the secretariat'}</p>
          <p className="bracket-card__meta">
            {cardBracket.proposedBy},{' '}
            <time dateTime={cardBracket.proposedAt} title={formatDateTimeUtc(cardBracket.proposedAt)}>
              {formatShortUtc(cardBracket.proposedAt)} UTC
            </time>
          </p>
          {canAnnotate && canRemoveBracket(identity, cardBracket.delegation) ? (
            <button type="button" className="button button--ghost button--small" onClick={() => void removeOne(cardBracket).then(() => setCard(null))} disabled={busy !== null}>
              Remove bracket
            </button>
          ) : (
            <p className="bracket-card__note">Only the secretariat or {cardBracket.delegation ?? 'the secretariat'} can remove it.</p>
          )}
        </div>
      ) : null}

      {dialog?.kind === 'propose' ? (
        <ProposeDialog
          clauseNumber={clauseNumber}
          span={dialog.span}
          competesWith={dialog.competesWith}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            const created = await proposeAlternative(draftId, clauseId, input);
            onAlternatives([created]);
            setDialog(null);
            setMessage({ tone: 'ok', text: `ALT ${created.number} proposed.` });
          }}
        />
      ) : null}
      {dialog?.kind === 'adopt' ? (
        <AdoptDialog
          alternative={dialog.alternative}
          current={dialog.current}
          clauseNumber={clauseNumber}
          onClose={() => setDialog(null)}
          onSubmit={async (note) => {
            const result = await adoptAlternative(draftId, dialog.alternative.id, note);
            onAlternatives([result.adopted, ...result.archived]);
            setDialog(null);
            setMessage({ tone: 'ok', text: `ALT ${result.adopted.number} adopted: the text now reads as proposed.` });
          }}
        />
      ) : null}
    </div>
  );
}

interface ProposeDialogProps {
  clauseNumber: number;
  span: { anchor: AnchorDto; quote: string } | null;
  competesWith?: AlternativeDto;
  onClose: () => void;
  onSubmit: (input: { body: string; note?: string; span?: { anchor: AnchorDto; quote: string }; competesWith?: string }) => Promise<void>;
}

function ProposeDialog({ clauseNumber, span, competesWith, onClose, onSubmit }: ProposeDialogProps) {
  const id = useId();
  const [scope, setScope] = useState<'span' | 'clause'>(span ? 'span' : 'clause');
  const [body, setBody] = useState(competesWith ? competesWith.body : span ? span.quote : '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!body.trim()) {
      setError('Write the alternative wording.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        body,
        note,
        ...(competesWith ? { competesWith: competesWith.id } : scope === 'span' && span ? { span } : {}),
      });
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The alternative could not be proposed.');
      setBusy(false);
    }
  }

  const target = competesWith
    ? competesWith.scope === 'span'
      ? `the words “${competesWith.quote}” (competing with ALT ${competesWith.number})`
      : `the whole clause (competing with ALT ${competesWith.number})`
    : null;

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="propose-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Propose an alternative wording — clause {clauseNumber}
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          It is shown as the next ALT number beside the current text (ALT 1), in your delegation’s name, and your delegation backs it. The secretariat may adopt it.
        </p>
        {target ? (
          <p className="modal__body">For {target}.</p>
        ) : (
          <fieldset className="modal__fieldset">
            <legend>Replace</legend>
            <label className="annot__radio">
              <input type="radio" name={`${id}-scope`} checked={scope === 'span'} disabled={!span} onChange={() => setScope('span')} />
              {span ? `The selected words: “${span.quote.slice(0, 120)}${span.quote.length > 120 ? '…' : ''}”` : 'Selected words (select words in the text first)'}
            </label>
            <label className="annot__radio">
              <input type="radio" name={`${id}-scope`} checked={scope === 'clause'} onChange={() => setScope('clause')} />
              The whole clause
            </label>
          </fieldset>
        )}
        <div className="modal__field">
          <label htmlFor={`${id}-body`}>Alternative wording</label>
          <textarea id={`${id}-body`} rows={scope === 'clause' && !competesWith ? 6 : 3} maxLength={MAX_WORDING_CHARS} value={body} onChange={(e) => setBody(e.target.value)} data-autofocus required />
          <span className="modal__hint">
            Plain text, {body.length.toLocaleString('en')} / {MAX_WORDING_CHARS.toLocaleString('en')} characters{scope === 'span' || competesWith?.scope === 'span' ? ', one line' : ''}.
          </span>
        </div>
        <div className="modal__field">
          <label htmlFor={`${id}-note`}>Explanation (optional)</label>
          <textarea id={`${id}-note`} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel="Propose alternative" busyLabel="Proposing…" />
      </form>
    </Modal>
  );
}

interface AdoptDialogProps {
  alternative: AlternativeDto;
  current: string | null;
  clauseNumber: number;
  onClose: () => void;
  onSubmit: (note: string) => Promise<void>;
}

function AdoptDialog({ alternative, current, clauseNumber, onClose, onSubmit }: AdoptDialogProps) {
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(note);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The alternative could not be adopted.');
      setBusy(false);
    }
  }

  return (
    <Modal labelledBy={`${id}-title`} describedBy={`${id}-desc`} onClose={onClose} busy={busy} testId="adopt-dialog">
      <form className="modal__form" onSubmit={submit}>
        <h2 className="modal__title" id={`${id}-title`}>
          Adopt ALT {alternative.number} in clause {clauseNumber}?
        </h2>
        <p className="modal__body" id={`${id}-desc`}>
          {alternative.scope === 'span' ? `“${current ?? alternative.quote}” becomes “${alternative.body}”` : 'The whole text of the clause is replaced by ALT ' + alternative.number}, for everyone, at once, as an edit in your name. The
          other alternatives for the same words are archived.
        </p>
        <div className="modal__field">
          <label htmlFor={`${id}-note`}>Note for the record (optional)</label>
          <textarea id={`${id}-note`} rows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} data-autofocus />
        </div>
        <ModalFooter error={error} busy={busy} onCancel={onClose} tone="primary" submitLabel={`Adopt ALT ${alternative.number}`} busyLabel="Adopting…" />
      </form>
    </Modal>
  );
}
