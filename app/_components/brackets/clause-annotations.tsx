'use client';

import type { Editor } from '@tiptap/core';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { AlternativeDto, AnchorDto, BracketDto } from '@/lib/api/types';
import { annotationRefusal, canRemoveBracket } from '@/lib/authz/annotations';
import type { DraftAccess } from '@/lib/authz/draft-access';
import { clauseField } from '@/lib/collab/clause-field';
import { decodeAnchor, resolveSpan } from '@/lib/collab/text-anchor';
import type { ClauseStatus, DelegationCode } from '@/lib/domain/vocabulary';
import type { RoomMe } from '../room-types';
import { AlternativeGroup } from './alternative-group';
import { AnnotationsBar } from './annotations-bar';
import { AdoptDialog, ProposeDialog } from './annotation-dialogs';
import { plural } from './annotation-format';
import { addBracket, adoptAlternative, proposeAlternative, removeBracket, setBacking, withdrawAlternative } from './annotations-api';
import { AnnotationsHistory } from './annotations-history';
import { BracketCard, useBracketCard } from './bracket-card';
import { OpenBracketItem } from './open-bracket-item';
import { panelCounts } from './panel-counts';
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

/** One action at a time: which one runs, and what came of the last (a confirmation or the error's words). */
function useRunner() {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
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

  return { busy, message, setMessage, run };
}

type Dialog =
  | { kind: 'propose'; span: { anchor: AnchorDto; quote: string } | null; competesWith?: AlternativeDto }
  | { kind: 'adopt'; alternative: AlternativeDto; current: string | null };

/** The outcome of the panel's last action: an error (alert) or a confirmation (status). */
function PanelMessage({ message }: { message: { tone: 'ok' | 'error'; text: string } | null }) {
  if (!message) return null;
  const error = message.tone === 'error';
  return (
    <p className={error ? 'form-error' : 'annot__ok'} role={error ? 'alert' : 'status'} data-testid="annotations-message">
      {message.text}
    </p>
  );
}

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
  const { busy, message, setMessage, run } = useRunner();
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const identity = useMemo(() => ({ userId: me.userId, email: '', name: me.name, role: me.role, delegation: me.delegation }), [me]);
  const refusal = annotationRefusal(identity, access, status);
  const canAnnotate = refusal === null;

  const openBrackets = annotations.brackets.filter((b) => b.state === 'open');
  const closedBrackets = annotations.brackets.filter((b) => b.state !== 'open');
  const openAlternatives = annotations.alternatives.filter((a) => a.state === 'open');
  // Counted as consensus counts them (detached brackets and alternatives are listed, not counted).
  const counts = panelCounts(doc, clauseId, openBrackets, openAlternatives);
  const pastAlternatives = annotations.alternatives.filter((a) => a.state !== 'open');
  const groups = useMemo(() => {
    const map = new Map<string, AlternativeDto[]>();
    for (const a of openAlternatives) map.set(a.groupId, [...(map.get(a.groupId) ?? []), a]);
    return [...map.values()];
  }, [openAlternatives]);

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
  const [card, setCard] = useBracketCard(editor);
  const cardBracket = card ? openBrackets.find((b) => b.id === card.id) : undefined;

  const empty = openBrackets.length === 0 && openAlternatives.length === 0 && closedBrackets.length === 0 && pastAlternatives.length === 0;
  if (!canAnnotate && empty) return null;

  return (
    <div className={`annot${empty ? ' annot--empty' : ''}`} data-testid="clause-annotations" aria-labelledby={`${id}-title`} role="group">
      <AnnotationsBar
        titleId={`${id}-title`}
        empty={empty}
        counts={counts}
        canAnnotate={canAnnotate}
        hasSelection={hasSelection}
        busy={busy !== null}
        onBracketSelection={bracketSelection}
        onProposeAlternative={() => setDialog({ kind: 'propose', span: selection() })}
      />
      <PanelMessage message={message} />

      {openBrackets.length ? (
        <ul className="annot__brackets" aria-label="Open brackets">
          {counts.brackets.map((item) => (
            <OpenBracketItem
              key={item.bracket.id}
              item={item}
              removable={canAnnotate && canRemoveBracket(identity, item.bracket.delegation)}
              busy={busy !== null}
              onRemove={(b) => void removeOne(b)}
            />
          ))}
        </ul>
      ) : null}

      {groups.map((group) => {
        const first = group[0];
        const current = first.scope === 'span' ? liveText(doc, clauseId, first.anchor, first.current?.text ?? null) : doc ? null : first.quote;
        return (
          <AlternativeGroup
            key={first.groupId}
            group={group}
            current={current}
            canAnnotate={canAnnotate}
            canAdopt={me.role === 'secretariat' && access === 'write' && status !== 'withdrawn'}
            identity={identity}
            ownDelegation={ownDelegation}
            busy={busy !== null}
            onBack={(alt, backed) =>
              void run(
                `back-${alt.id}`,
                async () => onAlternatives(await setBacking(draftId, alt.id, backed)),
                backed ? `${ownDelegation} backs ALT ${alt.number}.` : `${ownDelegation} no longer backs ALT ${alt.number}.`,
              )
            }
            onWithdraw={(alt) =>
              void run(`withdraw-${alt.id}`, async () => onAlternatives([await withdrawAlternative(draftId, alt.id)]), `ALT ${alt.number} withdrawn.`)
            }
            onAdopt={(alt) => setDialog({ kind: 'adopt', alternative: alt, current: first.scope === 'span' ? current : null })}
            onProposeAnother={() => setDialog({ kind: 'propose', span: null, competesWith: first })}
          />
        );
      })}

      <AnnotationsHistory closedBrackets={closedBrackets} pastAlternatives={pastAlternatives} />

      {cardBracket && card ? (
        <BracketCard
          bracket={cardBracket}
          at={card}
          removable={canAnnotate && canRemoveBracket(identity, cardBracket.delegation)}
          busy={busy !== null}
          onRemove={() => void removeOne(cardBracket).then(() => setCard(null))}
          onClose={() => setCard(null)}
        />
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
            for (const b of result.resolvedBrackets) onBracket(b);
            setDialog(null);
            const resolved = result.resolvedBrackets.length ? ` ${plural(result.resolvedBrackets.length, 'bracket')} on the replaced words resolved.` : '';
            setMessage({ tone: 'ok', text: `ALT ${result.adopted.number} adopted: the text now reads as proposed.${resolved}` });
          }}
        />
      ) : null}
    </div>
  );
}
