'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { DroppedItem, PlanClause } from '@/lib/drafts/import-plan';
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
  const t = useTranslations('drafts.plan');
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
        aria-label={t('clauseTitle', { number: index + 1 })}
        onChange={(e) => setTitle(e.target.value)}
        onBlur={() => title !== clause.title && apply(() => retitleClause(clauses, index, title))}
        data-testid="plan-title"
      />
      <p className={styles.planLines}>{firstLines(clause.text) || t('noText')}</p>
      <div className={styles.planActions}>
        {index > 0 ? (
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => apply(() => mergeIntoPrevious(clauses, index))}
            data-testid="plan-merge"
          >
            {t('mergeInto', { number: index })}
          </button>
        ) : null}
        {points.length > 0 ? (
          <>
            <select value={split} onChange={(e) => setSplit(e.target.value)} aria-label={t('splitLabel', { number: index + 1 })}>
              <option value="">{t('splitBefore')}</option>
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
              {t('split')}
            </button>
          </>
        ) : null}
        <span className={styles.hint}>
          {t('paragraphs', { count: clause.units.length })}
          {clause.derivedTitle ? t('titleFromText') : ''}
        </span>
      </div>
    </li>
  );
}

/** The preview of an import: the detected clauses, to merge, split and retitle before creating the draft. */
export function PlanEditor({ clauses, dropped, onChange }: PlanEditorProps) {
  const t = useTranslations('drafts.plan');
  return (
    <div data-testid="plan-editor">
      {dropped.length > 0 ? (
        <div className={styles.dropped} role="note" data-testid="plan-dropped">
          <strong>{t('notImported')}</strong>
          {t('notImportedWhy')}
          <ul>
            {dropped.map((d) => (
              <li key={d.kind}>{t(`dropped.${d.kind}`, { count: d.count })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className={styles.hint} role="status">
        {t('detected', { count: clauses.length })}
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
