'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { DelegationDto } from '@/lib/api/types';
import { inkOn } from '@/lib/domain/legible-color';
import { ApiError } from '../api-client';
import { createDelegation } from './drafts-api';
import styles from './drafts.module.css';

export type Part = 'participant' | 'observer';

export interface DelegationPickerProps {
  delegations: DelegationDto[];
  parts: ReadonlyMap<string, Part>;
  onChange(parts: Map<string, Part>): void;
  /** A delegation was added (it is also chosen as a participant). */
  onAdded(delegation: DelegationDto): void;
}

/** Every delegation Accord knows, each taking part, observing or left out; and "Add delegation". */
export function DelegationPicker({ delegations, parts, onChange, onAdded }: DelegationPickerProps) {
  const t = useTranslations('drafts.picker');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const participants = [...parts.values()].filter((p) => p === 'participant').length;
  const observers = parts.size - participants;

  const set = (c: string, part: Part | '') => {
    const next = new Map(parts);
    if (part) next.set(c, part);
    else next.delete(c);
    onChange(next);
  };

  const add = async () => {
    setError(null);
    setBusy(true);
    try {
      const created = await createDelegation(code.trim().toUpperCase(), name.trim());
      onAdded(created);
      set(created.code, 'participant');
      setCode('');
      setName('');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('notAdded'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className={styles.picker} data-testid="delegation-picker">
      <legend>{t('legend', { participants, observers })}</legend>
      <div className={styles.pickerGrid}>
        {delegations.map((d) => (
          <label key={d.code} className={styles.pickerItem}>
            <span className={styles.code} style={{ backgroundColor: d.color, color: inkOn(d.color) }}>
              {d.code}
            </span>
            <select
              value={parts.get(d.code) ?? ''}
              onChange={(e) => set(d.code, e.target.value as Part | '')}
              aria-label={`${d.name} (${d.code})`}
              data-testid={`part-${d.code}`}
            >
              <option value="">—</option>
              <option value="participant">{t('takesPart')}</option>
              <option value="observer">{t('observes')}</option>
            </select>
            <span className={styles.pickerName} title={d.name}>
              {d.name}
            </span>
          </label>
        ))}
      </div>
      <div className={styles.inlineForm}>
        <label>
          {t('newCode')}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            placeholder={t('codePlaceholder')}
            maxLength={6}
            size={8}
            data-testid="new-delegation-code"
          />
        </label>
        <label>
          {t('name')}
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('namePlaceholder')} size={24} data-testid="new-delegation-name" />
        </label>
        <button type="button" className="button button--secondary button--small" onClick={() => void add()} disabled={busy || !code.trim() || !name.trim()}>
          {t('add')}
        </button>
        <span className={styles.hint}>{t('colourHint')}</span>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The participant and observer lists of a picker's choice. */
export function partsToLists(parts: ReadonlyMap<string, Part>): { participants: string[]; observers: string[] } {
  const participants: string[] = [];
  const observers: string[] = [];
  for (const [code, part] of [...parts].sort(([a], [b]) => a.localeCompare(b))) (part === 'participant' ? participants : observers).push(code);
  return { participants, observers };
}
