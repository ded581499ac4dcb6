/**
 * Word-level diff of two texts: the texts are cut into tokens (runs of letters and
 * digits, runs of spaces, single other characters, newlines) and the tokens are
 * compared with Myers' O((N+M)·D) algorithm, after trimming the common prefix and
 * suffix. Output ranges are in characters of the two texts, so that callers can map
 * them onto per-character attribution.
 */

/** Cut a text into tokens whose concatenation is the text. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}_'’-]+|[^\S\n]+|\n|[^\p{L}\p{N}\s]/gu) ?? [];
}

export interface DiffOp {
  kind: 'equal' | 'insert' | 'delete';
  /** Character range in the old text (empty for an insertion). */
  oldStart: number;
  oldEnd: number;
  /** Character range in the new text (empty for a deletion). */
  newStart: number;
  newEnd: number;
}

export type DiffStep = ['equal' | 'insert' | 'delete', number];

/** Myers' diff of two token arrays: the edit script as [kind, count] steps. */
function myers(a: readonly string[], b: readonly string[]): DiffStep[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d += 1) {
    // Step d reads only diagonals -d-1 … d+1: keep that band, not the whole frontier
    // (O(D²) memory instead of O(D·(N+M)), which made scattered edits in a long text slow).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the saved frontiers.
  const steps: Array<['equal' | 'insert' | 'delete', number]> = [];
  const push = (kind: 'equal' | 'insert' | 'delete', count: number) => {
    if (count <= 0) return;
    const last = steps[steps.length - 1];
    if (last && last[0] === kind) last[1] += count;
    else steps.push([kind, count]);
  };
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const band = trace[d];
    const at = (diagonal: number) => band[diagonal + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const snake = Math.min(x - prevX, y - prevY);
    if (d === 0) {
      push('equal', x);
      break;
    }
    push('equal', Math.max(0, snake));
    x -= snake;
    y -= snake;
    if (prevK === k + 1) push('insert', 1);
    else push('delete', 1);
    x = prevX;
    y = prevY;
  }
  return steps.reverse();
}

/**
 * Diff two sequences of tokens (any strings compared for equality): the edit script as
 * [kind, count] steps, equal runs merged, and within a changed stretch the deletions
 * before the insertions. The common prefix and suffix are trimmed before Myers' diff.
 */
export function diffSequence(a: readonly string[], b: readonly string[]): DiffStep[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const steps: DiffStep[] = [];
  if (prefix > 0) steps.push(['equal', prefix]);
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  // Within a changed stretch, put deletions before insertions ("old words, then new words").
  let pendingDelete = 0;
  let pendingInsert = 0;
  const flush = () => {
    if (pendingDelete) steps.push(['delete', pendingDelete]);
    if (pendingInsert) steps.push(['insert', pendingInsert]);
    pendingDelete = 0;
    pendingInsert = 0;
  };
  for (const [kind, count] of middle) {
    if (kind === 'delete') pendingDelete += count;
    else if (kind === 'insert') pendingInsert += count;
    else {
      flush();
      const last = steps[steps.length - 1];
      if (last && last[0] === 'equal') last[1] += count;
      else steps.push(['equal', count]);
    }
  }
  flush();
  if (suffix > 0) {
    const last = steps[steps.length - 1];
    if (last && last[0] === 'equal') last[1] += suffix;
    else steps.push(['equal', suffix]);
  }
  return steps;
}

/**
 * Diff two texts word by word. Adjacent deletions and insertions are reported
 * deletion first; equal runs are merged.
 */
export function diffWords(oldText: string, newText: string): DiffOp[] {
  if (oldText === newText) return oldText ? [{ kind: 'equal', oldStart: 0, oldEnd: oldText.length, newStart: 0, newEnd: newText.length }] : [];
  const a = tokenize(oldText);
  const b = tokenize(newText);
  const steps = diffSequence(a, b);

  const ops: DiffOp[] = [];
  let ai = 0;
  let bi = 0;
  let ac = 0;
  let bc = 0;
  for (const [kind, count] of steps) {
    const startA = ac;
    const startB = bc;
    if (kind !== 'insert') {
      for (let i = 0; i < count; i += 1) ac += a[ai + i].length;
      ai += count;
    }
    if (kind !== 'delete') {
      for (let i = 0; i < count; i += 1) bc += b[bi + i].length;
      bi += count;
    }
    const last = ops[ops.length - 1];
    if (last && last.kind === kind) {
      last.oldEnd = ac;
      last.newEnd = bc;
    } else ops.push({ kind, oldStart: startA, oldEnd: ac, newStart: startB, newEnd: bc });
  }
  return ops;
}
