/**
 * An import plan: the clauses a text will become, each a run of the source's units with
 * a title. The preview shows it, the secretariat adjusts it (plan-operations.ts), and the
 * server rebuilds it from the file and the adjusted titles and grouping (apply-plan.ts).
 */
import { z } from 'zod';
import { cleanTitle, deriveTitle, openClause } from './clause-opening';
import { blocksLines, dropLeadingChars, hasText, inlineText, withMark, type Block, type ImportUnit, type ListBlock } from './import-content';

export interface PlanClause {
  title: string;
  /** The body as plain text, one line per paragraph (for the preview). */
  text: string;
  /** The source units, the first one opening the clause. */
  units: ImportUnit[];
  /** What the title took of the first unit: all of it ('line') or its first characters. */
  consumed: 'line' | number;
  /** Whether the title was derived from the body (the source gave none). */
  derivedTitle: boolean;
}

export const DROPPED_KINDS = ['table', 'image', 'comment', 'trackedChange', 'footnote', 'endnote', 'link'] as const;
export type DroppedKind = (typeof DROPPED_KINDS)[number];
export interface DroppedItem {
  kind: DroppedKind;
  count: number;
}

export interface ImportPreview {
  /** A title for the draft found in the source (Word's Title style, or a lone top heading), if any. */
  title: string | null;
  /** The text before the first clause, as plain text (paragraphs separated by blank lines). */
  description: string;
  clauses: PlanClause[];
  /** What the import could not keep, by kind; never silently lost. */
  dropped: DroppedItem[];
}

/** The clause body of `units` when the first one opens the clause having given `consumed` to the title. */
export function unitsToBlocks(units: readonly ImportUnit[], consumed: 'line' | number | null): Block[] {
  const blocks: Block[] = [];
  let openList: { id: number; block: ListBlock } | null = null;
  units.forEach((unit, i) => {
    const opening = i === 0 && consumed !== null;
    const content = opening ? (consumed === 'line' ? [] : dropLeadingChars(unit.content, consumed as number)) : unit.content;
    const paragraph = hasText(content) ? [{ type: 'paragraph' as const, content: unit.type === 'heading' ? withMark(content, 'bold') : content }] : [];
    if (unit.type !== 'item' || !unit.list || opening) {
      // The opening item of a clause is the clause itself: its text and sub-lists go to the top level.
      blocks.push(...paragraph, ...(unit.children ?? []));
      openList = null;
      return;
    }
    const item = { type: 'listItem' as const, content: [...paragraph, ...(unit.children ?? [])] };
    if (item.content.length === 0) return;
    if (openList && openList.id === unit.list.id) {
      openList.block.content.push(item);
      return;
    }
    const block: ListBlock =
      unit.list.kind === 'ordered' ? { type: 'orderedList', attrs: { start: unit.list.index + 1 }, content: [item] } : { type: 'bulletList', content: [item] };
    blocks.push(block);
    openList = { id: unit.list.id, block };
  });
  return blocks;
}

/** The body of a clause, ready for its Y.XmlFragment. */
export function clauseBody(clause: Pick<PlanClause, 'units' | 'consumed'>): Block[] {
  return unitsToBlocks(clause.units, clause.consumed);
}

/**
 * A clause of `units` (at least one): its opening read from the first unit, titled
 * `title` when given and not blank, else by the source's title, else derived from the
 * body's first words, else by the source's marker ("Article 3"), else "Untitled clause".
 */
export function makeClause(units: readonly ImportUnit[], title?: string): PlanClause {
  if (units.length === 0) throw new Error('A clause needs at least one unit');
  const opening = openClause(units[0]);
  const lines = blocksLines(unitsToBlocks(units, opening.consumed));
  const given = cleanTitle(title ?? '');
  const derived = deriveTitle(lines) || (opening.label ?? '') || 'Untitled clause';
  const chosen = given || opening.title;
  return { title: chosen || derived, text: lines.join('\n'), units: [...units], consumed: opening.consumed, derivedTitle: !chosen };
}

/** The plain text of a run of units (the description). */
export function unitsText(units: readonly ImportUnit[]): string {
  return units
    .map((u) => inlineText(u.content).trim())
    .filter(Boolean)
    .join('\n\n');
}

export const MAX_PLAN_CLAUSES = 1000;

/**
 * The `plan` field of an import request: the preview's clauses after the secretariat's
 * adjustments. Only each clause's title and its units' positions are read; the content
 * comes from the file again, so a plan can regroup and retitle but never change text.
 */
export const importPlanSchema = z
  .array(
    z.object({
      title: z.string().max(1000),
      units: z
        .array(z.object({ n: z.number().int().min(0) }))
        .min(1)
        .max(100_000),
    }),
  )
  .min(1, 'The plan has no clause')
  .max(MAX_PLAN_CLAUSES, `A draft is limited to ${MAX_PLAN_CLAUSES} clauses`);
export type ImportPlan = z.infer<typeof importPlanSchema>;

/** How the preview names what was dropped, for a person. */
export function describeDropped(item: DroppedItem): string {
  const one: Record<DroppedKind, [string, string]> = {
    table: ['table', 'tables'],
    image: ['image', 'images'],
    comment: ['comment', 'comments'],
    trackedChange: ['tracked change (taken as accepted)', 'tracked changes (taken as accepted)'],
    footnote: ['footnote', 'footnotes'],
    endnote: ['endnote', 'endnotes'],
    link: ['link (its text is kept)', 'links (their text is kept)'],
  };
  const [singular, plural] = one[item.kind];
  return `${item.count} ${item.count === 1 ? singular : plural}`;
}
