'use client';

import { useState } from 'react';
import { describeDropped, type DroppedItem, type PlanClause } from '@/lib/drafts/import-plan';
import { mergeIntoPrevious, PlanOperationError, retitleClause, splitClause, splitPoints } from '@/lib/drafts/plan-operations';
import styles from './drafts.module.css';

export interface PlanEditorProps {
  clauses: PlanClause[];
  dropped: DroppedItem[];
  onChange(clauses: PlanClause[]): void;
}

function firstLines(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  const shown = lines.slice(0, 2).map((l) => (l.length > 160 ? `${l.slice(0, 157)}…` : l));
  return lines.length > 2 ? `${shown.join('\n')}\n…` : shown.join('\n');
}

function ClauseRow({ clause, index, clauses, onChange }: { clause: PlanClause; index: number; clauses: PlanClause[]; onChange(c: PlanClause[]): void }) {
  const [title, setTitle] = useState(clause.title);
  const [split, setSplit] = useState('');
  const points = splitPoints(clause);
  const apply = (op: () => PlanClause[]) => {
    try {
      onChange(op());
    } catch (err) {
      if (!(err instanceof PlanOperationError)) throw err;
    }
  };
  return (
    <li className={styles.planClause} data-testid="plan-clause">
      <span className={styles.planNumber}>{index + 1}</span>
      <input
        className={styles.planTitle}
        value={title}
        aria-label={`Title of clause ${index + 1}`}
        onChange={(e) => setTitle(e.target.value)}
        onBlur={() => title !== clause.title && apply(() => retitleClause(clauses, index, title))}
        data-testid="plan-title"
      />
      <p className={styles.planLines}>{firstLines(clause.text) || '(no text)'}</p>
      <div className={styles.planActions}>
        {index > 0 ? (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => apply(() => mergeIntoPrevious(clauses, index))}
            data-testid="plan-merge"
          >
            Merge into clause {index}
          </button>
        ) : null}
        {points.length > 0 ? (
          <>
            <select value={split} onChange={(e) => setSplit(e.target.value)} aria-label={`Split clause ${index + 1} before paragraph`}>
              <option value="">Split before paragraph…</option>
              {points.map((p) => (
                <option key={p.unitIndex} value={p.unitIndex}>
                  {p.unitIndex + 1}. {p.text.length > 60 ? `${p.text.slice(0, 57)}…` : p.text}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--ghost button--small"
              disabled={!split}
              onClick={() => apply(() => splitClause(clauses, index, Number(split)))}
            >
              Split
            </button>
          </>
        ) : null}
        <span className={styles.hint}>
          {clause.units.length} {clause.units.length === 1 ? 'paragraph' : 'paragraphs'}
          {clause.derivedTitle ? ' · title taken from the text' : ''}
        </span>
      </div>
    </li>
  );
}

/** The preview of an import: the detected clauses, to merge, split and retitle before creating the draft. */
export function PlanEditor({ clauses, dropped, onChange }: PlanEditorProps) {
  return (
    <div data-testid="plan-editor">
      {dropped.length > 0 ? (
        <div className={styles.dropped} role="note" data-testid="plan-dropped">
          <strong>Not imported</strong> (listed so that nothing is lost silently):
          <ul>
            {dropped.map((d) => (
              <li key={d.kind}>{describeDropped(d)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className={styles.hint} role="status">
        {clauses.length} {clauses.length === 1 ? 'clause' : 'clauses'} detected. Merge, split or retitle them; the text itself is not changed.
      </p>
      <ol className={styles.planList}>
        {clauses.map((clause, index) => (
          // A clause's key follows its first paragraph, so that edits keep their row.
          <ClauseRow
            key={`${clause.units[0]?.n ?? index}-${clause.units.length}-${clause.title}`}
            clause={clause}
            index={index}
            clauses={clauses}
            onChange={onChange}
          />
        ))}
      </ol>
    </div>
  );
}
