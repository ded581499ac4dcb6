/**
 * The secretariat's adjustments to an import plan before the draft is created. Each
 * returns a new array of clauses and leaves its input alone, so the preview can keep an
 * undo stack. Units never change: a plan is regrouped and retitled, never rewritten.
 */
import { inlineText } from './import-content';
import { makeClause, type PlanClause } from './import-plan';

export class PlanOperationError extends Error {}

function at(clauses: readonly PlanClause[], index: number): PlanClause {
  const clause = clauses[index];
  if (!clause) throw new PlanOperationError(`There is no clause ${index + 1}.`);
  return clause;
}

/**
 * Merges clause `index` into the one before it: its units follow the previous clause's,
 * and its opening paragraph comes back whole (a heading as a bold paragraph, a marker
 * such as "2." in front of its text). The previous clause keeps its title.
 */
export function mergeIntoPrevious(clauses: readonly PlanClause[], index: number): PlanClause[] {
  if (index === 0) throw new PlanOperationError('The first clause has no clause before it to merge into.');
  const previous = at(clauses, index - 1);
  const merged = makeClause([...previous.units, ...at(clauses, index).units], previous.derivedTitle ? undefined : previous.title);
  return [...clauses.slice(0, index - 1), merged, ...clauses.slice(index + 1)];
}

/**
 * Splits clause `index` before its unit `unitIndex` (1 to units - 1): the new clause
 * opens with that paragraph and is titled by the same rules as detection.
 */
export function splitClause(clauses: readonly PlanClause[], index: number, unitIndex: number): PlanClause[] {
  const clause = at(clauses, index);
  if (!Number.isInteger(unitIndex) || unitIndex < 1 || unitIndex >= clause.units.length) {
    throw new PlanOperationError(`Clause ${index + 1} can be split only before one of its paragraphs 2 to ${clause.units.length}.`);
  }
  const head = makeClause(clause.units.slice(0, unitIndex), clause.derivedTitle ? undefined : clause.title);
  const tail = makeClause(clause.units.slice(unitIndex));
  return [...clauses.slice(0, index), head, tail, ...clauses.slice(index + 1)];
}

/** Gives clause `index` a new title; a blank one brings back the title from the source or the body. */
export function retitleClause(clauses: readonly PlanClause[], index: number, title: string): PlanClause[] {
  const clause = at(clauses, index);
  const retitled = makeClause(clause.units, title);
  return clauses.map((c, i) => (i === index ? retitled : c));
}

/**
 * Where clause `clause` can be split, for the preview's "split here" choices: before each
 * of its paragraphs but the first, with that paragraph's text as the source has it.
 */
export function splitPoints(clause: Pick<PlanClause, 'units'>): Array<{ unitIndex: number; text: string }> {
  return clause.units.slice(1).map((unit, i) => ({ unitIndex: i + 1, text: inlineText(unit.content).replace(/\s+/g, ' ').trim() }));
}
