/**
 * Clause numbers follow the order of the clauses that are not withdrawn: a withdrawn
 * clause has no number (null) until it is reinstated.
 */

/** True for a clause that has a number (is not withdrawn); narrows the type. */
export function isNumbered<T extends { number: number | null }>(clause: T): clause is T & { number: number } {
  return clause.number !== null;
}

/** "Clause 3", or "Withdrawn clause" for one without a number. */
export function clauseLabel(number: number | null): string {
  return number === null ? 'Withdrawn clause' : `Clause ${number}`;
}
