'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DraftDetail } from '@/lib/api/types';
import type { AdoptionInput } from '@/lib/domain/adopted-text';
import type { RestoreResultDto, RevisionTextDto } from '@/lib/history/types';
import { DRAFT_START } from '@/lib/history/point';
import { formatDateTimeUtc } from '@/lib/ui/format-date';
import { actorLabel } from '@/lib/ui/people';
import { NegotiationBar } from '../negotiation/negotiation-bar';
import { AuthorshipPanel } from './authorship-panel';
import { ComparePanel } from './compare-panel';
import { DownloadButton } from '../export/download-button';
import { CutRevisionDialog } from './cut-revision-dialog';
import { FourColumnPanel } from './four-column-panel';
import { revisionText } from './history-api';
import type { PointOption } from './point-picker';
import { RevisionsRail } from './revisions-rail';
import { TimelinePanel } from './timeline-panel';
import { useHistoryPulse } from './use-history-pulse';
import { useRevisions } from './use-revisions';

export type HistoryTab = 'timeline' | 'compare' | 'four-column' | 'authorship' | 'revision';

export interface HistoryState {
  view: HistoryTab;
  from: string;
  to: string;
  at: string;
  rev: number | null;
}

interface HistoryViewProps {
  draft: DraftDetail;
  secretariat: boolean;
  /** For the secretariat (also of a closed draft): offers the adopted text in the export menu. */
  adoption?: AdoptionInput;
  initial: HistoryState;
}

function toQuery(state: HistoryState): string {
  const params = new URLSearchParams({ view: state.view });
  if (state.view === 'compare' || state.view === 'four-column') {
    params.set('from', state.from);
    params.set('to', state.to);
  }
  if (state.view === 'authorship') params.set('at', state.at);
  if (state.view === 'revision' && state.rev) params.set('rev', String(state.rev));
  return `?${params}`;
}

function RevisionText({ draftId, number, onCompare }: { draftId: string; number: number; onCompare: () => void }) {
  const [data, setData] = useState<RevisionTextDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    setData(null);
    setError(null);
    revisionText(draftId, number).then(
      (r) => !cancelled && setData(r),
      (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : 'The revision could not be loaded.'),
    );
    return () => {
      cancelled = true;
    };
  }, [draftId, number]);
  if (error)
    return (
      <div className="banner banner--error" role="alert">
        <p>{error}</p>
      </div>
    );
  if (!data)
    return (
      <p className="hpanel__loading" role="status">
        Loading Rev.{number}…
      </p>
    );
  return (
    <section className="hpanel" aria-labelledby="revision-title" data-testid="revision-text">
      <div className="hpanel__row">
        <h2 className="hpanel__title" id="revision-title">
          {data.revision.label} <span className="hpanel__sub">read-only</span>
        </h2>
        <span className="hpanel__actions">
          <button type="button" className="button button--secondary button--small" onClick={onCompare}>
            Compare with now
          </button>
          <DownloadButton
            url={`/api/drafts/${encodeURIComponent(draftId)}/revisions/${number}/export?format=docx`}
            label="Export DOCX"
            busyLabel="Preparing DOCX…"
            fallbackName={`${data.revision.label}.docx`}
            testId="revision-export-docx"
          />
          <DownloadButton
            url={`/api/drafts/${encodeURIComponent(draftId)}/revisions/${number}/export?format=pdf`}
            label="Export PDF"
            busyLabel="Preparing PDF…"
            fallbackName={`${data.revision.label}.pdf`}
            testId="revision-export-pdf"
          />
        </span>
      </div>
      <p className="htimeline__meta">
        Cut by {data.revision.createdBy}, <time dateTime={data.revision.createdAt}>{formatDateTimeUtc(data.revision.createdAt)}</time>
        {data.revision.note ? ` — “${data.revision.note}”` : ''}
      </p>
      {data.clauses.map((c) => (
        <article key={c.clauseId} className="hclause">
          <h3 className="hclause__title">
            <span className="hclause__number">{c.number}.</span> {c.title}
          </h3>
          <p className="hclause__text">{c.text || <span className="hclause__empty">No text in this revision.</span>}</p>
        </article>
      ))}
    </section>
  );
}

/** The history of a draft: timeline, comparisons, authorship and numbered revisions. */
export function HistoryView({ draft, secretariat, adoption, initial }: HistoryViewProps) {
  const [state, setState] = useState<HistoryState>(initial);
  const { revisions, error: revisionsError, add: addRevision } = useRevisions(draft.id);
  const pulse = useHistoryPulse(draft.id);
  const [cutting, setCutting] = useState(false);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);

  const go = useCallback((next: Partial<HistoryState>) => {
    setState((prev) => {
      const merged = { ...prev, ...next };
      window.history.replaceState(null, '', toQuery(merged));
      return merged;
    });
    window.scrollTo({ top: 0 });
  }, []);

  const options: PointOption[] = useMemo(
    () => [
      { value: 'now', label: 'Now (current text)' },
      ...(revisions ?? []).map((r) => ({
        value: `rev:${r.number}`,
        label: `${r.label} · ${formatDateTimeUtc(r.createdAt)} · ${actorLabel({ name: r.createdBy, role: 'secretariat', delegation: null })}`,
      })),
      { value: DRAFT_START, label: 'Start of the draft' },
    ],
    [revisions],
  );

  const onRestored = (result: RestoreResultDto) => {
    const n = result.restoredClauses.length;
    setNotice(
      n === 0
        ? `Nothing to restore: the text already matched ${result.to.label}.`
        : `Restored ${n === 1 ? `clause ${result.restoredClauses[0].number}` : `${n} clauses`} to ${result.to.label}. Everybody with the draft open sees it now.`,
    );
    setVersion((v) => v + 1);
  };

  const tabs: Array<{ view: HistoryTab; label: string }> = [
    { view: 'timeline', label: 'Timeline' },
    { view: 'compare', label: 'Compare' },
    { view: 'four-column', label: 'Four columns' },
    { view: 'authorship', label: 'Who wrote what' },
  ];

  return (
    <>
      <NegotiationBar draftId={draft.id} title={draft.title} active="history" adoption={adoption} />
      <div className="history page" data-testid="history">
        <div className="history__head">
          <div>
            <p className="dash__eyebrow draft-head__eyebrow">History</p>
            <h1 className="dash__title">What changed, by whom, since when</h1>
          </div>
          <div className="segmented" role="group" aria-label="History views">
            {tabs.map((t) => (
              <button
                key={t.view}
                type="button"
                className="segmented__option"
                aria-pressed={state.view === t.view}
                onClick={() => go({ view: t.view })}
                data-view={t.view}
              >
                {t.label}
              </button>
            ))}
          </div>
        </div>
        {notice ? (
          <div className="banner banner--info" role="status" data-testid="history-notice">
            <p>{notice}</p>
            <button type="button" className="linkish" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        ) : null}

        <div className={`history__grid${state.view === 'four-column' ? ' history__grid--wide' : ''}`}>
          <div className="history__main">
            {state.view === 'timeline' ? (
              <TimelinePanel
                draftId={draft.id}
                clauses={draft.clauses}
                delegations={draft.delegations}
                version={version}
                pulse={pulse}
                onCompare={(from, to) => go({ view: 'compare', from, to })}
                onOpenRevision={(rev) => go({ view: 'revision', rev })}
              />
            ) : state.view === 'compare' ? (
              <ComparePanel
                draftId={draft.id}
                delegations={draft.delegations}
                options={options}
                from={state.from}
                to={state.to}
                secretariat={secretariat}
                version={version}
                pulse={pulse}
                onChange={(from, to) => go({ from, to })}
                onRestored={onRestored}
              />
            ) : state.view === 'four-column' ? (
              <FourColumnPanel
                draftId={draft.id}
                delegations={draft.delegations}
                options={options}
                from={state.from}
                to={state.to}
                secretariat={secretariat}
                version={version}
                pulse={pulse}
                onChange={(from, to) => go({ from, to })}
              />
            ) : state.view === 'authorship' ? (
              <AuthorshipPanel
                draftId={draft.id}
                delegations={draft.delegations}
                options={options}
                at={state.at}
                version={version}
                pulse={pulse}
                onChange={(at) => go({ at })}
              />
            ) : state.rev ? (
              <RevisionText draftId={draft.id} number={state.rev} onCompare={() => go({ view: 'compare', from: `rev:${state.rev}`, to: 'now' })} />
            ) : null}
          </div>

          <RevisionsRail revisions={revisions} error={revisionsError} secretariat={secretariat} onCut={() => setCutting(true)} go={go} />
        </div>
      </div>
      {cutting ? (
        <CutRevisionDialog
          draftId={draft.id}
          next={(revisions?.[0]?.number ?? 0) + 1}
          onClose={() => setCutting(false)}
          onCut={(revision) => {
            addRevision(revision);
            setNotice(`${revision.label} cut. Everyone can now open it and compare it with any other point.`);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
    </>
  );
}
