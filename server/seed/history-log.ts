/**
 * The update log of the history benchmark: a draft of clauses edited in sessions by a
 * set of authors, one logged Yjs update per keystroke-sized edit, generated on one
 * Y.Doc whose client id is switched per browser tab (as if each author had their own
 * doc), and stored the way the server stores it (one row per update).
 *
 * Speed: a Yjs transaction computes the document's state vector when it starts and
 * twice when it ends, over every client the document has ever seen: with a new client
 * id every 40 sessions that is ~10,000 clients at 1M updates, and the generator became
 * quadratic (most of its time in `getStateVector` and in collecting the garbage of
 * those maps). During a local transaction only the local client's state can change, so
 * the store's client map is made to list only that client when iterated; lookups still
 * see every client. The updates are byte for byte those Yjs writes without it.
 */
import { sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import type { Database } from '@/server/db/client';

export const WORDS =
  'the parties shall cooperate in good faith to deter renewed aggression through security guarantees monitoring mechanism ceasefire armistice consultations within existing resources'.split(
    ' ',
  );

/** The generated log, compactly: row i is `updates[i]` by author `author[i]` (-1: the secretariat) on clause `clause[i]` (-1: all) at `at[i]`. */
export interface HistoryLog {
  length: number;
  updates: Uint8Array[];
  author: Int16Array;
  clause: Int16Array;
  at: Float64Array;
  /** Size of the final document's state, in bytes. */
  docBytes: number;
  /** Each clause's text at the end of the log (one paragraph, no formatting). */
  finalTexts: string[];
}

export interface HistoryLogOptions {
  size: number;
  /** Ids of the draft's clauses (the names of their Yjs fragments are in the first update). */
  clauseIds: string[];
  authors: number;
  random: () => number;
  /** Characters of generated text each clause starts with (default about 300: 40 words). */
  initialChars?: number;
  /** A clause longer than this only loses text at the caret (default 1,200 characters). */
  maxClauseChars?: number;
}

/** Words drawn from WORDS until the text is at least `chars` long. */
function generatedText(random: () => number, chars: number): string {
  const words: string[] = [];
  let length = -1;
  while (length < chars) {
    const word = WORDS[Math.floor(random() * WORDS.length)];
    words.push(word);
    length += word.length + 1;
  }
  return words.join(' ');
}

type StructMap = Map<number, Array<Y.Item | Y.AbstractStruct>>;

/** A store's client map that, while `only` is set, iterates over that client alone (see the file comment). */
class LocalClientMap extends Map<number, Array<Y.Item | Y.AbstractStruct>> {
  only: number | null = null;

  override forEach(
    callback: (value: Array<Y.Item | Y.AbstractStruct>, key: number, map: Map<number, Array<Y.Item | Y.AbstractStruct>>) => void,
    thisArg?: unknown,
  ): void {
    if (this.only === null) return super.forEach(callback, thisArg);
    const structs = this.get(this.only);
    if (structs !== undefined) callback.call(thisArg, structs, this.only, this);
  }
}

/** Generate the log of `size` updates (the first one creates every clause's text). */
export function generateHistoryLog(options: HistoryLogOptions): HistoryLog {
  const { size, clauseIds, authors, random } = options;
  const maxClauseChars = options.maxClauseChars ?? 1200;
  const clauses = clauseIds.length;
  const log: HistoryLog = {
    length: 0,
    updates: new Array<Uint8Array>(size),
    author: new Int16Array(size),
    clause: new Int16Array(size),
    at: new Float64Array(size),
    docBytes: 0,
    finalTexts: [],
  };
  const push = (update: Uint8Array, author: number, clause: number, at: number) => {
    const i = log.length;
    log.updates[i] = update;
    log.author[i] = author;
    log.clause[i] = clause;
    log.at[i] = at;
    log.length += 1;
  };

  const doc = new Y.Doc();
  const store = doc.store as unknown as { clients: StructMap };
  const clients = new LocalClientMap(store.clients);
  store.clients = clients;
  const texts: Y.XmlText[] = [];
  let pending: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (pending = u));
  doc.clientID = 1;
  clients.only = 1;
  doc.transact(() => {
    for (const clauseId of clauseIds) {
      const paragraph = new Y.XmlElement('paragraph');
      const initial =
        options.initialChars === undefined
          ? Array.from({ length: 40 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')
          : generatedText(random, options.initialChars);
      const text = new Y.XmlText(initial);
      paragraph.insert(0, [text]);
      doc.getXmlFragment(clauseField(clauseId)).insert(0, [paragraph]);
      texts.push(text);
    }
  });
  push(pending!, -1, -1, Date.UTC(2026, 0, 1));

  let at = Date.UTC(2026, 0, 1, 8);
  let session = 0;
  const clientOf = new Map<string, number>();
  let nextClient = 1000;
  while (log.length < size) {
    // A session: one author, 5–80 edits a few seconds apart, on one or two clauses.
    const author = Math.floor(random() * authors);
    session += 1;
    const browser = `${author}:${Math.floor(session / 40)}`; // a new browser tab (client id) now and then
    if (!clientOf.has(browser)) clientOf.set(browser, nextClient++);
    const client = clientOf.get(browser)!;
    // People type at a caret: words go in one after the other and backspace takes back
    // what is just before the caret, now and then the caret moves (as in an editor).
    const edits = 5 + Math.floor(random() * 75);
    let clause = Math.floor(random() * clauses);
    let caret = Math.floor(random() * (texts[clause].length + 1));
    for (let e = 0; e < edits && log.length < size; e += 1) {
      if (random() < 0.05) {
        clause = Math.floor(random() * clauses);
        caret = Math.floor(random() * (texts[clause].length + 1));
      } else if (random() < 0.08) caret = Math.floor(random() * (texts[clause].length + 1));
      const text = texts[clause];
      caret = Math.min(caret, text.length);
      doc.clientID = client;
      clients.only = client;
      pending = null;
      if ((text.length > maxClauseChars && caret > 0) || (caret > 6 && random() < 0.3)) {
        const n = Math.min(caret, 1 + Math.floor(random() * 6));
        text.delete(caret - n, n);
        caret -= n;
      } else {
        const word = ` ${WORDS[Math.floor(random() * WORDS.length)].slice(0, 2 + Math.floor(random() * 6))}`;
        text.insert(caret, word);
        caret += word.length;
      }
      at += 1000 + Math.floor(random() * 8000);
      if (pending) push(pending, author, clause, at);
    }
    at += 60_000 + Math.floor(random() * 3_600_000);
  }
  clients.only = null;
  log.docBytes = Y.encodeStateAsUpdate(doc).length;
  log.finalTexts = texts.map((t) => t.toString());
  doc.destroy();
  return log;
}

export interface StoreTarget {
  draftId: string;
  /** User id of each author index. */
  authorIds: string[];
  /** Delegation code of each author index. */
  authorCodes: string[];
  secretariatId: string;
  clauseIds: string[];
}

/**
 * Insert rows [from, to) of the log into `yjs_updates`, in log order, 5,000 rows per
 * statement: one JSON parameter per statement (a multi-row insert without thousands of
 * bind parameters). Returns the bytes of updates stored.
 */
export async function storeHistoryLog(db: Database, log: HistoryLog, target: StoreTarget, from: number, to: number): Promise<number> {
  let bytes = 0;
  const allClauses = JSON.stringify(target.clauseIds);
  for (let start = from; start < to; start += 5000) {
    const end = Math.min(start + 5000, to);
    const parts: string[] = [];
    for (let i = start; i < end; i += 1) {
      const author = log.author[i];
      const clause = log.clause[i];
      bytes += log.updates[i].length;
      parts.push(
        `{"n":${i},"u":"${Buffer.from(log.updates[i].buffer, log.updates[i].byteOffset, log.updates[i].byteLength).toString('base64')}","p":"${author < 0 ? target.secretariatId : target.authorIds[author]}",` +
          `"d":${author < 0 ? 'null' : `"${target.authorCodes[author]}"`},"c":${clause < 0 ? allClauses : `["${target.clauseIds[clause]}"]`},"t":"${new Date(log.at[i]).toISOString()}"}`,
      );
    }
    await db.execute(sql`
      insert into yjs_updates (draft_id, update, user_id, delegation_code, clause_ids, created_at)
      select ${target.draftId}::uuid, decode(r.u, 'base64'), r.p, r.d, r.c, r.t
      from json_to_recordset(${`[${parts.join(',')}]`}::json) as r(n int, u text, p uuid, d text, c jsonb, t timestamptz)
      order by r.n`);
  }
  return bytes;
}
