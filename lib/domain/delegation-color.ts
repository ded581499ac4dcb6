/**
 * Deterministic, well-separated colours for delegations, so that FR has the same
 * colour on every screen and for every participant. The palette avoids pale tones
 * that vanish on white and is paired with the delegation code wherever it is shown,
 * so colour is never the only cue.
 */
export const DELEGATION_PALETTE = [
  '#1f5fbf',
  '#c0392b',
  '#1e8449',
  '#8e44ad',
  '#d35400',
  '#117a8b',
  '#b7950b',
  '#6d4c41',
  '#2e4053',
  '#c2185b',
  '#00897b',
  '#5d6d7e',
  '#7b1fa2',
  '#ad1457',
  '#0277bd',
  '#558b2f',
  '#ef6c00',
  '#4527a0',
  '#00838f',
  '#9e9d24',
  '#6a1b9a',
  '#283593',
  '#bf360c',
  '#37474f',
] as const;

export const SECRETARIAT_COLOR = '#1b2631';
export const OBSERVER_COLOR = '#7f8c8d';

/** Colour for a delegation code; stable across processes (simple string hash). */
export function delegationColor(code: string | null | undefined): string {
  if (!code) return SECRETARIAT_COLOR;
  let hash = 0;
  for (let i = 0; i < code.length; i += 1) hash = (hash * 31 + code.charCodeAt(i)) >>> 0;
  return DELEGATION_PALETTE[hash % DELEGATION_PALETTE.length];
}
