'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { DelegationDto } from '@/lib/api/types';
import type { DroppedItem, PlanClause } from '@/lib/drafts/import-plan';
import { readTextImport } from '@/lib/drafts/read-text-import';
import { isAppError } from '@/lib/errors/app-error';
import { ApiError } from '../api-client';
import { DelegationPicker, partsToLists, type Part } from './delegation-picker';
import { createDraft, importDocx, previewDocx } from './drafts-api';
import styles from './drafts.module.css';
import { PlanEditor } from './plan-editor';

type Source = 'empty' | 'text' | 'docx';

interface Preview {
  clauses: PlanClause[];
  dropped: DroppedItem[];
}

const messageOf = (err: unknown, fallback: string) => (err instanceof ApiError || isAppError(err) ? err.message : fallback);

const SOURCES = [
  ['docx', 'sourceDocx'],
  ['text', 'sourceText'],
  ['empty', 'sourceEmpty'],
] as const;

/** Where the text of a new draft comes from. */
function SourceChooser({ source, onChoose }: { source: Source; onChoose: (next: Source) => void }) {
  const t = useTranslations('drafts.new');
  return (
    <fieldset className={styles.sources}>
      <legend>{t('startFrom')}</legend>
      {SOURCES.map(([value, label]) => (
        <label key={value} className={styles.source}>
          <input type="radio" name="source" value={value} checked={source === value} onChange={() => onChoose(value)} data-testid={`source-${value}`} />
          {t(label)}
        </label>
      ))}
    </fieldset>
  );
}

type TextFormat = 'markdown' | 'text';

/** A Word zero draft as the source, with how its clauses are found. */
function DocxSourceField({ onFile }: { onFile: (file: File | null) => void }) {
  const t = useTranslations('drafts.new');
  return (
    <div className="field">
      <label htmlFor="nd-file">{t('fileLabel')}</label>
      <input
        id="nd-file"
        type="file"
        accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        data-testid="draft-file"
      />
      <p className={styles.hint}>{t('fileHint')}</p>
    </div>
  );
}

/** Pasted text or Markdown as the zero draft. */
function TextSourceFields(props: { format: TextFormat; content: string; onFormat: (f: TextFormat) => void; onContent: (text: string) => void }) {
  const t = useTranslations('drafts.new');
  return (
    <div className={styles.fields}>
      <div className={`field ${styles.field}`}>
        <label htmlFor="nd-format">{t('format')}</label>
        <select id="nd-format" value={props.format} onChange={(e) => props.onFormat(e.target.value as TextFormat)}>
          <option value="markdown">{t('formatMarkdown')}</option>
          <option value="text">{t('formatText')}</option>
        </select>
      </div>
      <div className={`field ${styles.field}`}>
        <label htmlFor="nd-content">{t('text')}</label>
        <textarea id="nd-content" rows={10} value={props.content} onChange={(e) => props.onContent(e.target.value)} data-testid="draft-text" />
      </div>
    </div>
  );
}

/** The secretariat's "New draft": title, mandate, delegations, and where the text comes from, previewed before anything is created. */
export function NewDraftForm({ delegations: known }: { delegations: DelegationDto[] }) {
  const t = useTranslations('drafts.new');
  const router = useRouter();
  const [delegations, setDelegations] = useState(known);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [parts, setParts] = useState<Map<string, Part>>(new Map());
  const [source, setSource] = useState<Source>('docx');
  const [format, setFormat] = useState<TextFormat>('markdown');
  const [content, setContent] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'create' | null>(null);

  const choose = (next: Source) => {
    setSource(next);
    setPreview(null);
    setError(null);
  };

  const runPreview = async () => {
    setError(null);
    setBusy('preview');
    try {
      const result = source === 'docx' && file ? await previewDocx(file) : readTextImport({ format, content });
      setPreview({ clauses: result.clauses, dropped: result.dropped });
      if (!title.trim() && result.title) setTitle(result.title);
      if (!description.trim() && result.description) setDescription(result.description);
    } catch (err) {
      setPreview(null);
      setError(messageOf(err, t('unreadable')));
    } finally {
      setBusy(null);
    }
  };

  const create = async () => {
    setError(null);
    setBusy('create');
    const fields = { title: title.trim(), description: description.trim() || undefined, ...partsToLists(parts) };
    try {
      const draft =
        source === 'docx' && file && preview
          ? await importDocx(file, fields, preview.clauses)
          : source === 'text' && preview
            ? await createDraft(fields, { format, content }, preview.clauses)
            : await createDraft(fields);
      router.push(`/drafts/${draft.id}`);
    } catch (err) {
      setError(messageOf(err, t('notCreated')));
      setBusy(null);
    }
  };

  const needsPreview = source !== 'empty' && !preview;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
      data-testid="new-draft-form"
    >
      <section className={styles.card} aria-labelledby="nd-about">
        <h2 id="nd-about">{t('aboutHeading')}</h2>
        <div className={styles.fields}>
          <div className="field">
            <label htmlFor="nd-title">{t('titleLabel')}</label>
            <input id="nd-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} data-testid="draft-title" />
          </div>
          <div className={`field ${styles.field}`}>
            <label htmlFor="nd-description">{t('descriptionLabel')}</label>
            <textarea id="nd-description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="draft-description" />
          </div>
          <DelegationPicker
            delegations={delegations}
            parts={parts}
            onChange={setParts}
            onAdded={(d) => setDelegations((list) => [...list, d].sort((a, b) => a.code.localeCompare(b.code)))}
          />
        </div>
      </section>

      <section className={styles.card} aria-labelledby="nd-text">
        <h2 id="nd-text">{t('textHeading')}</h2>
        <SourceChooser source={source} onChoose={choose} />
        {source === 'docx' ? (
          <DocxSourceField
            onFile={(f) => {
              setFile(f);
              setPreview(null);
            }}
          />
        ) : null}
        {source === 'text' ? (
          <TextSourceFields
            format={format}
            content={content}
            onFormat={setFormat}
            onContent={(text) => {
              setContent(text);
              setPreview(null);
            }}
          />
        ) : null}
        {source !== 'empty' ? (
          <div className={styles.actions} style={{ justifyContent: 'flex-start', marginTop: 14 }}>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void runPreview()}
              disabled={busy !== null || (source === 'docx' ? !file : !content.trim())}
              data-testid="preview-import"
            >
              {busy === 'preview' ? t('reading') : preview ? t('previewAgain') : t('preview')}
            </button>
          </div>
        ) : null}
        {preview ? <PlanEditor clauses={preview.clauses} dropped={preview.dropped} onChange={(clauses) => setPreview({ ...preview, clauses })} /> : null}
      </section>

      {error ? (
        <p className="notice notice--error" role="alert" data-testid="new-draft-error">
          {error}
        </p>
      ) : null}
      <div className={styles.actions}>
        {!title.trim() || needsPreview ? (
          <span className={styles.hint} style={{ alignSelf: 'center' }}>
            {!title.trim() ? t('needTitle') : t('needPreview')}
          </span>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy !== null || !title.trim() || needsPreview} data-testid="create-draft">
          {busy === 'create' ? t('creating') : preview ? t('createWith', { count: preview.clauses.length }) : t('create')}
        </button>
      </div>
    </form>
  );
}
