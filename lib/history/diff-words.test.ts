import { describe, expect, it } from 'vitest';
import { diffArrays } from 'diff';
import { diffSequence, diffWords, tokenize, type DiffOp } from './diff-words';

/** Rebuild both texts from the ops, and render them compactly as "=a -b +c". */
function render(oldText: string, newText: string, ops: DiffOp[]): string {
  let rebuiltOld = '';
  let rebuiltNew = '';
  const parts: string[] = [];
  for (const op of ops) {
    const o = oldText.slice(op.oldStart, op.oldEnd);
    const n = newText.slice(op.newStart, op.newEnd);
    if (op.kind !== 'insert') rebuiltOld += o;
    if (op.kind !== 'delete') rebuiltNew += n;
    parts.push(op.kind === 'equal' ? `=${o}` : op.kind === 'delete' ? `-${o}` : `+${n}`);
  }
  expect(rebuiltOld).toBe(oldText);
  expect(rebuiltNew).toBe(newText);
  return parts.join('|');
}

describe('tokenize', () => {
  it('keeps words, spaces, punctuation, brackets and newlines apart and loses nothing', () => {
    expect(tokenize('The Parties [shall] act,  now.\nALT 1')).toEqual([
      'The',
      ' ',
      'Parties',
      ' ',
      '[',
      'shall',
      ']',
      ' ',
      'act',
      ',',
      '  ',
      'now',
      '.',
      '\n',
      'ALT',
      ' ',
      '1',
    ]);
    expect(tokenize('Zusammenarbeit über Grenzen — l’accord')).toEqual(['Zusammenarbeit', ' ', 'über', ' ', 'Grenzen', ' ', '—', ' ', 'l’accord']);
    const text = 'a\t b\n\n[c] (d) 12.5%';
    expect(tokenize(text).join('')).toBe(text);
    expect(tokenize('')).toEqual([]);
  });
});

describe('diffWords', () => {
  it('reports nothing for two empty texts and one equal op for identical texts', () => {
    expect(diffWords('', '')).toEqual([]);
    expect(diffWords('same text', 'same text')).toEqual([{ kind: 'equal', oldStart: 0, oldEnd: 9, newStart: 0, newEnd: 9 }]);
  });

  it('marks whole-text insertions and deletions', () => {
    expect(render('', 'new text', diffWords('', 'new text'))).toBe('+new text');
    expect(render('old text', '', diffWords('old text', ''))).toBe('-old text');
  });

  it('finds an inserted word in the middle', () => {
    const a = 'The Parties shall cooperate.';
    const b = 'The Parties shall closely cooperate.';
    expect(render(a, b, diffWords(a, b))).toBe('=The Parties shall |+closely |=cooperate.');
  });

  it('finds a replaced word, deletion before insertion', () => {
    const a = 'The Parties shall cooperate.';
    const b = 'The Parties may cooperate.';
    expect(render(a, b, diffWords(a, b))).toBe('=The Parties |-shall|+may|= cooperate.');
  });

  it('works on whole words, not characters', () => {
    const a = 'support';
    const b = 'supports';
    expect(render(a, b, diffWords(a, b))).toBe('-support|+supports');
  });

  it('handles several changes and brackets', () => {
    const a = 'A [shall] provide B, C and D.';
    const b = 'A will provide B and D, and E.';
    expect(render(a, b, diffWords(a, b))).toBe('=A |-[shall]|+will|= provide B|-,|= |-C |=and D|+, and E|=.');
  });

  it('handles newlines between paragraphs', () => {
    const a = 'First para.\nSecond para.';
    const b = 'First para.\nInserted para.\nSecond para.';
    expect(render(a, b, diffWords(a, b))).toBe('=First para.\n|+Inserted para.\n|=Second para.');
  });

  it('always reconstructs both texts (randomised)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const words = ['the', 'parties', 'shall', '[', ']', 'cooperate', ',', 'in', 'good', 'faith', '\n', 'ALT', '1'];
    for (let round = 0; round < 200; round += 1) {
      const make = () => Array.from({ length: Math.floor(random() * 25) }, () => words[Math.floor(random() * words.length)]).join(' ');
      const a = make();
      const b = random() < 0.5 ? make() : a.replace(/shall/g, 'may');
      const ops = diffWords(a, b);
      render(a, b, ops);
      // Minimal-ish: identical token stretches are never reported as changed when the texts are equal.
      if (a === b) expect(ops.every((o) => o.kind === 'equal')).toBe(true);
    }
  });
});

describe('diffSequence against jsdiff', () => {
  // jsdiff (a devDependency, used only here and in bench/diff-words.ts) is the reference
  // for minimality: on random sequences both must find the same edit distance, and our
  // script must rebuild the new sequence from the old one.
  it('finds a minimal edit script on random token sequences', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    for (let round = 0; round < 300; round += 1) {
      const alphabet = 2 + Math.floor(rand() * 6);
      const seq = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(rand() * alphabet)));
      const a = seq(Math.floor(rand() * 60));
      const b = rand() < 0.5 ? seq(Math.floor(rand() * 60)) : a.map((t) => (rand() < 0.1 ? 'z' : t)).filter(() => rand() > 0.05);
      const steps = diffSequence(a, b);
      const ours = steps.reduce((n, [kind, count]) => n + (kind === 'equal' ? 0 : count), 0);
      const reference = diffArrays(a, b).reduce((n, part) => n + (part.added || part.removed ? part.count : 0), 0);
      expect(ours).toBe(reference);
      const rebuilt: string[] = [];
      let ai = 0;
      let bi = 0;
      for (const [kind, count] of steps) {
        if (kind === 'equal') rebuilt.push(...a.slice(ai, ai + count));
        if (kind === 'insert') rebuilt.push(...b.slice(bi, bi + count));
        if (kind !== 'insert') ai += count;
        if (kind !== 'delete') bi += count;
      }
      expect(rebuilt).toEqual(b);
    }
  });
});
