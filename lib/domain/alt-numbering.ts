/**
 * ALT numbers of a clause. ALT 1 is the text as it stands; structured alternatives are
 * numbered from 2, after the highest one already recorded and after the highest `ALT n`
 * typed in the clause's text (seeded texts often carry typed options), so that a typed
 * `ALT 2` and a structured ALT 2 never both exist on one clause.
 */

/** The highest `ALT n` typed in a text (upper-case ALT, then a number); 0 when none. */
export function highestTypedAlt(text: string): number {
  let highest = 0;
  for (const match of text.matchAll(/\bALT\s+(\d{1,4})\b/g)) highest = Math.max(highest, Number(match[1]));
  return highest;
}

/** The number of the next structured alternative of a clause. */
export function nextAltNumber(lastRecorded: number | null, clauseText: string): number {
  return Math.max(1, lastRecorded ?? 1, highestTypedAlt(clauseText)) + 1;
}
