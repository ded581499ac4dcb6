/**
 * Restoring earlier text into a live clause as a forward edit: the live fragment is
 * changed until it holds exactly the target's content (elements, their attributes,
 * text and its formatting, as Tiptap stores them: marks are formatting attributes of
 * `Y.XmlText`), with as small an edit as practical, so that text nobody changed keeps
 * its Yjs items and therefore its authors:
 *
 * - children (blocks, and inline nodes inside them) are aligned by content: equal ones
 *   are left alone, removed ones deleted, added ones inserted as copies;
 * - within a changed stretch, a live node is edited in place into the target node most
 *   like it (same kind and name, most text in common, order kept): this is what keeps
 *   the untouched part of a paragraph that was split or merged;
 * - text is edited word by word (a replaced word keeps its common characters), and
 *   text that is kept but formatted differently is re-formatted, not re-typed.
 */
import * as Y from 'yjs';
import { diffSequence, diffWords } from '@/lib/history/diff-words';

type Parent = Y.XmlFragment | Y.XmlElement;
type Child = Y.XmlElement | Y.XmlText | Y.XmlHook;
type Attrs = Record<string, unknown>;
interface Run {
  insert: string;
  attributes: Attrs;
}

/** Above this many candidate pairs in one changed stretch, pair by position instead of by similarity. */
const MAX_PAIRINGS = 2500;

/** JSON with object keys sorted, so that equal values give equal strings. */
function stable(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Uint8Array) return JSON.stringify(Array.from(value));
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value instanceof Y.AbstractType) return stable(value.toJSON());
  const entries = Object.keys(value as Attrs)
    .filter((k) => (value as Attrs)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stable((value as Attrs)[k])}`);
  return `{${entries.join(',')}}`;
}

const sameValue = (a: unknown, b: unknown) => a === b || stable(a) === stable(b);

/** Content key of a node: equal keys mean equal content (attributes, text, formatting, children). */
function keyOf(node: Child | Y.XmlFragment, cache: Map<Child | Y.XmlFragment, string>): string {
  let key = cache.get(node);
  if (key !== undefined) return key;
  if (node instanceof Y.XmlText) key = `t${stable(node.getAttributes())}${stable(normalDelta(node))}`;
  else if (node instanceof Y.XmlElement)
    key = `e${JSON.stringify(node.nodeName)}${stable(node.getAttributes())}[${node
      .toArray()
      .map((c) => keyOf(c as Child, cache))
      .join(',')}]`;
  else if (node instanceof Y.XmlFragment)
    key = `f[${node
      .toArray()
      .map((c) => keyOf(c as Child, cache))
      .join(',')}]`;
  else key = `h${stable((node as Y.XmlHook).toJSON())}`;
  cache.set(node, key);
  return key;
}

/**
 * The delta of a text with adjacent runs of equal formatting joined: Yjs splits a run at
 * every formatting marker, also one that changes nothing, which is not a difference.
 */
function normalDelta(text: Y.XmlText): Array<{ insert: unknown; attributes?: Attrs }> {
  const out: Array<{ insert: unknown; attributes?: Attrs }> = [];
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Attrs }>) {
    const last = out[out.length - 1];
    if (last && typeof last.insert === 'string' && typeof op.insert === 'string' && stable(last.attributes ?? {}) === stable(op.attributes ?? {})) {
      last.insert += op.insert;
    } else out.push(op.attributes ? { insert: op.insert, attributes: op.attributes } : { insert: op.insert });
  }
  return out;
}

/** Whether two fragments hold the same content (elements, attributes, text and marks). */
export function sameContent(a: Y.XmlFragment, b: Y.XmlFragment): boolean {
  const cache = new Map<Child | Y.XmlFragment, string>();
  return keyOf(a, cache) === keyOf(b, cache);
}

/** Plain text of a node (text of its descendants, a newline between elements), for similarity. */
function plainOf(node: Child): string {
  if (node instanceof Y.XmlText) return (textRuns(node) ?? []).map((r) => r.insert).join('');
  if (node instanceof Y.XmlElement)
    return node
      .toArray()
      .map((c) => plainOf(c as Child))
      .join('\n');
  return '';
}

/** The text of an XmlText as runs of equal formatting; null when it embeds something other than text. */
function textRuns(text: Y.XmlText): Run[] | null {
  const runs: Run[] = [];
  for (const op of normalDelta(text)) {
    if (typeof op.insert !== 'string') return null;
    runs.push({ insert: op.insert, attributes: op.attributes ?? {} });
  }
  return runs;
}

/** Characters two nodes have in common (word diff), plus one: 0 when they cannot be edited into each other. */
function similarity(live: Child, target: Child): number {
  if (live instanceof Y.XmlText && target instanceof Y.XmlText) return 1 + common(plainOf(live), plainOf(target));
  if (live instanceof Y.XmlElement && target instanceof Y.XmlElement && live.nodeName === target.nodeName) return 1 + common(plainOf(live), plainOf(target));
  return 0;
}

function common(a: string, b: string): number {
  if (a === b) return a.length;
  let n = 0;
  for (const op of diffWords(a, b)) if (op.kind === 'equal') n += op.oldEnd - op.oldStart;
  return n;
}

/**
 * Which live nodes of a changed stretch to edit into which target nodes: order-kept
 * pairs with the most text in common (a weighted longest common subsequence).
 */
function pairUp(live: Child[], target: Child[]): Array<[number, number]> {
  const n = live.length;
  const m = target.length;
  if (n === 0 || m === 0) return [];
  if (n * m > MAX_PAIRINGS) {
    const pairs: Array<[number, number]> = [];
    for (let i = 0; i < Math.min(n, m); i += 1) if (similarity(live[i], target[i]) > 0) pairs.push([i, i]);
    return pairs;
  }
  const score = live.map((l) => target.map((t) => similarity(l, t)));
  // best[i][j]: the best total pairing live[i..] with target[j..].
  const best = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      const paired = score[i][j] > 0 ? score[i][j] + best[i + 1][j + 1] : 0;
      best[i][j] = Math.max(paired, best[i + 1][j], best[i][j + 1]);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (score[i][j] > 0 && best[i][j] === score[i][j] + best[i + 1][j + 1]) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (best[i][j] === best[i + 1][j]) i += 1;
    else j += 1;
  }
  return pairs;
}

/** A copy of a node to insert into another document (Yjs' own clone() keeps only string attributes). */
function copyOf(node: Child): Child {
  if (node instanceof Y.XmlText) {
    const copy = new Y.XmlText();
    copy.applyDelta(node.toDelta());
    for (const [k, v] of Object.entries(node.getAttributes() as Attrs)) copy.setAttribute(k, v as string);
    return copy;
  }
  if (node instanceof Y.XmlElement) {
    const copy = new Y.XmlElement(node.nodeName);
    for (const [k, v] of Object.entries(node.getAttributes() as Attrs)) copy.setAttribute(k, v as string);
    copy.insert(0, node.toArray().map((c) => copyOf(c as Child)) as Array<Y.XmlElement | Y.XmlText>);
    return copy;
  }
  return node.clone();
}

/** Make the attributes of `live` those of `target`. */
function restoreAttributes(live: Y.XmlElement | Y.XmlText, target: Y.XmlElement | Y.XmlText): void {
  const want = target.getAttributes() as Attrs;
  const have = live.getAttributes() as Attrs;
  for (const [k, v] of Object.entries(want)) if (!sameValue(have[k], v)) live.setAttribute(k, v as string);
  for (const k of Object.keys(have)) if (!(k in want)) live.removeAttribute(k);
}

/** The formatting change that turns `have` into `want` (null removes an attribute). */
function formatPatch(have: Attrs, want: Attrs): Attrs | null {
  const patch: Attrs = {};
  let any = false;
  for (const [k, v] of Object.entries(want)) {
    if (!sameValue(have[k], v)) {
      patch[k] = v;
      any = true;
    }
  }
  for (const k of Object.keys(have)) {
    if (!(k in want)) {
      patch[k] = null;
      any = true;
    }
  }
  return any ? patch : null;
}

/** Per-character formatting of runs, as run index per character boundary lookups. */
class RunCursor {
  private starts: number[] = [];
  constructor(private readonly runs: Run[]) {
    let at = 0;
    for (const r of runs) {
      this.starts.push(at);
      at += r.insert.length;
    }
  }

  /** Index of the run holding character `pos`. */
  runAt(pos: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Where run `i` ends. */
  endOf(i: number): number {
    return this.starts[i] + this.runs[i].insert.length;
  }

  attrs(i: number): Attrs {
    return this.runs[i].attributes;
  }
}

/** Edit `live` text into `target` text: word diff, replaced words trimmed to the characters that differ, formatting kept per character. */
function restoreText(live: Y.XmlText, target: Y.XmlText): void {
  restoreAttributes(live, target);
  const liveRuns = textRuns(live);
  const targetRuns = textRuns(target);
  if (!liveRuns || !targetRuns) {
    // Embedded objects (Tiptap does not write them): replace the text whole.
    if (live.length > 0) live.delete(0, live.length);
    live.applyDelta(target.toDelta());
    return;
  }
  const oldText = liveRuns.map((r) => r.insert).join('');
  const newText = targetRuns.map((r) => r.insert).join('');
  const have = new RunCursor(liveRuns);
  const want = new RunCursor(targetRuns);

  /** Re-format kept characters [oldStart, oldStart + len) of the live text, now at `pos`, as the target's [newStart, …). */
  const reformat = (pos: number, oldStart: number, newStart: number, len: number) => {
    let done = 0;
    while (done < len) {
      const h = have.runAt(oldStart + done);
      const w = want.runAt(newStart + done);
      const step = Math.min(have.endOf(h) - (oldStart + done), want.endOf(w) - (newStart + done), len - done);
      const patch = formatPatch(have.attrs(h), want.attrs(w));
      if (patch) live.format(pos + done, step, patch);
      done += step;
    }
  };
  /** Insert the target's characters [newStart, newEnd) at `pos`, run by run with their exact formatting. */
  const insert = (pos: number, newStart: number, newEnd: number) => {
    let at = newStart;
    while (at < newEnd) {
      const w = want.runAt(at);
      const end = Math.min(want.endOf(w), newEnd);
      live.insert(pos + (at - newStart), newText.slice(at, end), { ...want.attrs(w) });
      at = end;
    }
  };

  const ops = diffWords(oldText, newText);
  let pos = 0;
  for (let k = 0; k < ops.length; k += 1) {
    const op = ops[k];
    if (op.kind === 'equal') {
      reformat(pos, op.oldStart, op.newStart, op.oldEnd - op.oldStart);
      pos += op.oldEnd - op.oldStart;
    } else if (op.kind === 'delete') {
      const next = ops[k + 1];
      if (next?.kind === 'insert') {
        // A replaced stretch: keep the characters it shares at both ends ("cooperate" → "cooperates").
        const removed = oldText.slice(op.oldStart, op.oldEnd);
        const added = newText.slice(next.newStart, next.newEnd);
        let head = 0;
        while (head < removed.length && head < added.length && removed[head] === added[head]) head += 1;
        let tail = 0;
        while (tail < removed.length - head && tail < added.length - head && removed[removed.length - 1 - tail] === added[added.length - 1 - tail]) tail += 1;
        reformat(pos, op.oldStart, next.newStart, head);
        pos += head;
        const gone = removed.length - head - tail;
        if (gone > 0) live.delete(pos, gone);
        insert(pos, next.newStart + head, next.newEnd - tail);
        pos += added.length - head - tail;
        reformat(pos, op.oldEnd - tail, next.newEnd - tail, tail);
        pos += tail;
        k += 1;
      } else live.delete(pos, op.oldEnd - op.oldStart);
    } else {
      insert(pos, op.newStart, op.newEnd);
      pos += op.newEnd - op.newStart;
    }
  }
}

/** Edit one live node into the target node it was paired with (same kind and name). */
function restoreNode(live: Child, target: Child, cache: Map<Child | Y.XmlFragment, string>): void {
  if (live instanceof Y.XmlText && target instanceof Y.XmlText) restoreText(live, target);
  else if (live instanceof Y.XmlElement && target instanceof Y.XmlElement) {
    restoreAttributes(live, target);
    restoreChildren(live, target, cache);
  }
}

/** Make the children of `live` those of `target`, touching only what differs. */
function restoreChildren(live: Parent, target: Parent, cache: Map<Child | Y.XmlFragment, string>): void {
  const a = live.toArray() as Child[];
  const b = target.toArray() as Child[];
  const steps = diffSequence(
    a.map((n) => keyOf(n, cache)),
    b.map((n) => keyOf(n, cache)),
  );
  let index = 0; // position in the live parent as it is being edited
  let i = 0; // next live child of the original list
  let j = 0; // next target child
  for (let s = 0; s < steps.length; s += 1) {
    const [kind, count] = steps[s];
    if (kind === 'equal') {
      index += count;
      i += count;
      j += count;
      continue;
    }
    // A changed stretch: deletions (if any) followed by insertions (if any).
    let removed = 0;
    let added = 0;
    if (kind === 'delete') {
      removed = count;
      if (steps[s + 1]?.[0] === 'insert') {
        added = steps[s + 1][1];
        s += 1;
      }
    } else added = count;
    const olds = a.slice(i, i + removed);
    const news = b.slice(j, j + added);
    let p = 0;
    let q = 0;
    const take = (untilOld: number, untilNew: number) => {
      if (untilOld > p) live.delete(index, untilOld - p);
      if (untilNew > q) {
        live.insert(index, news.slice(q, untilNew).map(copyOf) as Array<Y.XmlElement | Y.XmlText>);
        index += untilNew - q;
      }
    };
    for (const [x, y] of pairUp(olds, news)) {
      take(x, y);
      restoreNode(olds[x], news[y], cache);
      index += 1;
      p = x + 1;
      q = y + 1;
    }
    take(removed, added);
    i += removed;
    j += added;
  }
}

/**
 * Make `live` hold exactly the content of `target` as a forward edit: unchanged blocks
 * untouched, changed ones edited in place (words and formatting), added and removed
 * ones inserted and deleted. Call it inside one transaction to produce one update.
 */
export function restoreFragment(live: Y.XmlFragment, target: Y.XmlFragment): void {
  restoreChildren(live, target, new Map());
}
