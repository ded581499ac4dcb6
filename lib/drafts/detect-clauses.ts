/**
 * Where the clauses of an imported text start, by its structure. The first rule that
 * finds a clause wins:
 * 1. paragraphs that open an article: "Article N" / "Art. N" (see `opensArticle`);
 * 2. headings, at the shallowest level used at least twice (else the shallowest level;
 *    a single heading that opens the text is its title, not a clause);
 * 3. paragraphs numbered "N." or "(N)" in sequence (the style of the first one; a
 *    paragraph whose number does not follow stays in the body, so "1." restarting
 *    inside a clause does not split it);
 * 4. the items of auto-numbered (ordered) top-level lists.
 * With none of these, the whole text is one clause. What comes before the first clause is
 * the description, except a title (Word's Title style, or a heading above the clause
 * level that opens the text), which is offered as the draft's title.
 */
import { matchMarker, opensArticle } from './clause-opening';
import { inlineText, type ImportUnit } from './import-content';
import { makeClause, unitsText, type DroppedItem, type ImportPreview } from './import-plan';

function articleStarts(units: readonly ImportUnit[]): number[] {
  return units.flatMap((u, i) => (u.type !== 'title' && opensArticle(u) ? [i] : []));
}

function headingStarts(units: readonly ImportUnit[]): number[] {
  const levels = units.filter((u) => u.type === 'heading').map((u) => u.level ?? 1);
  if (levels.length === 0) return [];
  const counts = new Map<number, number>();
  for (const l of levels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const repeated = [...counts].filter(([, c]) => c >= 2).map(([l]) => l);
  const level = repeated.length > 0 ? Math.min(...repeated) : Math.min(...levels);
  const starts = units.flatMap((u, i) => (u.type === 'heading' && (u.level ?? 1) === level ? [i] : []));
  // One heading above everything else is the document's title, not its only clause.
  const lead = units.findIndex((u) => u.type !== 'title');
  return starts.length === 1 && starts[0] === lead ? [] : starts;
}

function numberedStarts(units: readonly ImportUnit[]): number[] {
  const starts: number[] = [];
  let kind: 'dot' | 'paren' | null = null;
  let last = 0;
  units.forEach((u, i) => {
    if (u.type !== 'paragraph') return;
    const marker = matchMarker(inlineText(u.content));
    if (!marker || marker.kind === 'article' || marker.value === null) return;
    if (kind === null) {
      kind = marker.kind;
    } else if (marker.kind !== kind || marker.value !== last + 1) return;
    starts.push(i);
    last = marker.value;
  });
  return starts;
}

function listStarts(units: readonly ImportUnit[]): number[] {
  return units.flatMap((u, i) => (u.type === 'item' && u.list?.kind === 'ordered' ? [i] : []));
}

/** The indexes of the units that start a clause, by the first rule that finds any. */
export function clauseStarts(units: readonly ImportUnit[]): number[] {
  for (const rule of [articleStarts, headingStarts, numberedStarts, listStarts]) {
    const starts = rule(units);
    if (starts.length > 0) return starts;
  }
  const first = units.findIndex((u) => u.type !== 'title');
  return first === -1 ? [] : [first];
}

/**
 * The preview of an import: description, clauses and what was dropped. `units` must hold
 * some text (the readers refuse a text without any).
 */
export function detectClauses(units: readonly ImportUnit[], dropped: readonly DroppedItem[] = []): ImportPreview {
  const starts = clauseStarts(units);
  const preamble = units.slice(0, starts[0] ?? units.length);
  const clauseLevel = starts.length > 0 && units[starts[0]].type === 'heading' ? (units[starts[0]].level ?? 1) : 7;
  const lead = preamble[0];
  const titleUnit = preamble.find((u) => u.type === 'title') ?? (lead?.type === 'heading' && (lead.level ?? 1) < clauseLevel ? lead : undefined);
  const clauses = starts.map((start, k) => makeClause(units.slice(start, starts[k + 1] ?? units.length)));
  return {
    title: titleUnit ? inlineText(titleUnit.content).replace(/\s+/g, ' ').trim() || null : null,
    description: unitsText(preamble.filter((u) => u !== titleUnit)),
    clauses,
    dropped: dropped.filter((d) => d.count > 0),
  };
}
