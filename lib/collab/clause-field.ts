/**
 * Each clause body lives in the draft's Y.Doc as the Y.XmlFragment named
 * `clause:<clauseId>` (a public contract: scripts and other clients rely on it).
 */
export const CLAUSE_FIELD_PREFIX = 'clause:';

export function clauseField(clauseId: string): string {
  return `${CLAUSE_FIELD_PREFIX}${clauseId}`;
}

/** The clause id of a root field name, or null when the name is not a clause field. */
export function clauseIdOfField(field: string): string | null {
  if (!field.startsWith(CLAUSE_FIELD_PREFIX)) return null;
  const id = field.slice(CLAUSE_FIELD_PREFIX.length);
  return id.length > 0 ? id : null;
}
