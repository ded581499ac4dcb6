/**
 * The entry points for the import routes. `previewImport` answers
 * `POST /api/drafts/import/preview`; `prepareImport` gives `POST /api/drafts/import` and
 * `POST /api/drafts` (with `text`) the draft's content: clause numbers, titles and bodies
 * ready for the clause rows and the first Yjs update (write-clause-body.ts). Nothing is
 * written here; every refusal is an AppError thrown before anything is created.
 */
import { applyPlan } from '@/lib/drafts/apply-plan';
import type { Block } from '@/lib/drafts/import-content';
import { clauseBody, importPlanSchema, type DroppedItem, type ImportPlan, type ImportPreview } from '@/lib/drafts/import-plan';
import { readTextImport, type TextImport } from '@/lib/drafts/read-text-import';
import { AppError } from '@/lib/errors/app-error';
import { readDocxImport } from './read-docx-import';

export type ImportSource = { kind: 'docx'; file: Buffer } | { kind: 'text'; text: TextImport };

export interface PreparedClause {
  /** 1-based, in order: the draft numbers its clauses itself. */
  number: number;
  title: string;
  /** The body as plain text (what the preview showed). */
  text: string;
  /** The body for the clause's Y.XmlFragment (Tiptap JSON blocks). */
  blocks: Block[];
}

export interface PreparedImport {
  /** A title found in the source, to offer when the request gives none. */
  suggestedTitle: string | null;
  description: string;
  clauses: PreparedClause[];
  dropped: DroppedItem[];
}

/** The preview of a source (the body of a 200 from the preview route). */
export async function previewImport(source: ImportSource): Promise<ImportPreview> {
  return source.kind === 'docx' ? readDocxImport(source.file) : readTextImport(source.text);
}

/**
 * Reads the multipart `plan` field: JSON of the preview's clauses after the
 * secretariat's adjustments. Absent or empty means "as detected".
 * @throws AppError bad_request when it is not JSON or not a plan.
 */
export function parsePlanField(raw: string | null | undefined): ImportPlan | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('bad_request', {
      message: 'The clause plan is not valid JSON. Preview the file again.',
      issues: [{ path: 'plan', message: 'is not JSON' }],
    });
  }
  const parsed = importPlanSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('bad_request', {
      message: 'The clause plan is not in the expected form. Preview the file again.',
      issues: parsed.error.issues.map((i) => ({ path: ['plan', ...i.path].join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/**
 * The content of the draft to create from `source`, grouped and titled as `plan` says
 * (else as detected).
 * @throws AppError for a refused file or text, or a plan that does not fit it.
 */
export async function prepareImport(source: ImportSource, plan?: ImportPlan): Promise<PreparedImport> {
  const detected = await previewImport(source);
  const preview = plan ? applyPlan(detected, plan) : detected;
  return {
    suggestedTitle: preview.title,
    description: preview.description,
    clauses: preview.clauses.map((c, i) => ({ number: i + 1, title: c.title, text: c.text, blocks: clauseBody(c) })),
    dropped: preview.dropped,
  };
}

/** The import functions as one service, for the composition root to put in the services registry. */
export const draftImporter = { preview: previewImport, prepare: prepareImport, parsePlanField };
export type DraftImporter = typeof draftImporter;
