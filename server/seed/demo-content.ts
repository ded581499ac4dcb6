/**
 * Reads the demo consultation (demo/framework.md) into seed data: delegations by
 * participation, and the numbered clauses with their titles and text.
 */
export interface DemoClause {
  number: number;
  title: string;
  text: string;
}

export interface DemoContent {
  title: string;
  description: string;
  participants: string[];
  observers: string[];
  clauses: DemoClause[];
}

/** Names of the delegations the demo uses (codes from ISO 3166, or organisation codes). */
export const DELEGATION_NAMES: Record<string, string> = {
  FR: 'France',
  GB: 'United Kingdom',
  UA: 'Ukraine',
  DE: 'Germany',
  PL: 'Poland',
  IT: 'Italy',
  ES: 'Spain',
  NL: 'Netherlands',
  DK: 'Denmark',
  NO: 'Norway',
  SE: 'Sweden',
  FI: 'Finland',
  CZ: 'Czechia',
  RO: 'Romania',
  TR: 'Türkiye',
  CA: 'Canada',
  AU: 'Australia',
  EE: 'Estonia',
  LV: 'Latvia',
  LT: 'Lithuania',
  BE: 'Belgium',
  IE: 'Ireland',
  US: 'United States',
  NATO: 'NATO International Staff',
  EU: 'European Commission',
};

function codesIn(line: string): string[] {
  return [...line.matchAll(/\b([A-Z]{2,6})\b/g)].map((m) => m[1]).filter((c) => c in DELEGATION_NAMES);
}

export function parseDemoContent(markdown: string): DemoContent {
  const lines = markdown.split(/\r?\n/);
  const heading = lines.find((l) => l.startsWith('# '));
  const title = heading
    ? heading
        .replace(/^#\s+/, '')
        .replace(/^Demo consultation:\s*/i, '')
        .replace(/\s*\(Rev\.\d+\)\s*$/, '')
        .trim()
    : 'Demo draft';

  const participants: string[] = [];
  const observers: string[] = [];
  for (const line of lines) {
    if (/^(Core|Contributing):/.test(line)) participants.push(...codesIn(line.replace(/\([^)]*\)/g, '')));
    if (/^Observers/.test(line)) observers.push(...codesIn(line.replace(/\([^)]*\)/g, '')));
  }

  const clauses: DemoClause[] = [];
  const start = lines.findIndex((l) => /^##\s+Clauses/.test(l));
  const end = lines.findIndex((l, i) => i > start && /^##\s+/.test(l));
  let current: DemoClause | null = null;
  for (const line of lines.slice(start + 1, end === -1 ? undefined : end)) {
    const head = /^(\d+)\.\s+\*\*(.+?)\.?\*\*\s*(.*)$/.exec(line);
    if (head) {
      if (current) clauses.push(current);
      current = { number: Number(head[1]), title: head[2].replace(/\.$/, ''), text: head[3].trim() };
    } else if (current && /^\s+\S/.test(line)) {
      current.text = `${current.text} ${line.trim()}`.trim();
    }
  }
  if (current) clauses.push(current);

  return {
    title,
    description:
      'Working text of the coalition for security guarantees for Ukraine: monitoring, the Reassurance Force, air and maritime security, financing and review.',
    participants: [...new Set(participants)],
    observers: [...new Set(observers)],
    clauses,
  };
}
