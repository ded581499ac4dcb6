import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { clauseField } from '@/lib/collab/clause-field';
import type { DraftRoom } from '../collab/draft-room';
import type { RoomRegistry } from '../collab/room-registry';
import { ClauseStates, hashClauseText } from './clause-states';

const CLAUSES = ['c1', 'c2', 'c3'];

function roomWith(texts: Record<string, string>): { registry: RoomRegistry; acquired: () => number } {
  const doc = new Y.Doc();
  for (const [id, text] of Object.entries(texts)) {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment(clauseField(id)).insert(0, [paragraph]);
  }
  const room = { doc } as unknown as DraftRoom;
  let held = 0;
  const registry = {
    acquire: async () => {
      held += 1;
      return room;
    },
    release: () => {
      held -= 1;
    },
    peek: () => room,
    onClauseTextChanged: () => undefined,
  } as unknown as RoomRegistry;
  return { registry, acquired: () => held };
}

describe('ClauseStates', () => {
  const texts = { c1: 'The Parties [shall] agree.', c2: 'Second clause.', c3: 'Third [[clause]].' };

  it('reads hash and typed brackets of each clause from the live document', async () => {
    const { registry, acquired } = roomWith(texts);
    const states = await new ClauseStates(registry).get('d', CLAUSES);
    expect(states.get('c1')).toMatchObject({ text: texts.c1, hash: hashClauseText(texts.c1), openBrackets: 1 });
    expect(states.get('c2')).toMatchObject({ openBrackets: 0 });
    expect(acquired()).toBe(0);
  });

  it('gentle reads give the same states but let other work run between clauses (the refresh after typing)', async () => {
    const { registry } = roomWith(texts);
    const plain = await new ClauseStates(registry).get('d', CLAUSES);

    // Queued before the call: a plain read (no I/O) finishes first; a gentle one lets it in.
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    await new ClauseStates(registry).get('d', CLAUSES).then(() => order.push('plain read'));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(order).toEqual(['plain read', 'other work']);

    order.length = 0;
    setImmediate(() => order.push('other work'));
    const gentle = await new ClauseStates(registry).get('d', CLAUSES, { gentle: true });
    order.push('gentle read');
    expect(order).toEqual(['other work', 'gentle read']);
    expect(gentle).toEqual(plain);
  });

  it('recomputes only the clauses whose text changed', async () => {
    const { registry } = roomWith(texts);
    const states = new ClauseStates(registry);
    const before = await states.get('d', CLAUSES);
    const room = await registry.acquire('d');
    const text = room.doc.getXmlFragment(clauseField('c2')).get(0) as Y.XmlElement;
    (text.get(0) as Y.XmlText).insert(0, '[Revised] ');
    states.invalidate('d', ['c2']);
    const after = await states.get('d', CLAUSES);
    expect(after.get('c1')).toBe(before.get('c1'));
    expect(after.get('c2')).toMatchObject({ text: `[Revised] ${texts.c2}`, openBrackets: 1 });
  });
});
