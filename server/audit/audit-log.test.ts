import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson } from './audit-log';

describe('audit chain hashing', () => {
  it('hashes the same content the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('changes when content or the previous hash changes', () => {
    const row = {
      at: new Date('2026-11-22T10:00:00.000Z'),
      actorId: null,
      actorEmail: 'a@b',
      action: 'clause.status',
      draftId: null,
      subject: 's',
      details: { to: 'agreed' },
    };
    const h = auditHash('', row);
    expect(auditHash('', { ...row, details: { to: 'agreed' } })).toBe(h);
    expect(auditHash('', { ...row, details: { to: 'negotiating' } })).not.toBe(h);
    expect(auditHash('x', row)).not.toBe(h);
  });
});

describe('auditCsv', () => {
  it('quotes fields, escapes quotes and defuses spreadsheet formulas', async () => {
    const { auditCsv } = await import('./audit-log');
    const csv = auditCsv([
      {
        id: 2,
        at: '2026-11-22T10:00:00.000Z',
        actorEmail: 'fr@accord.test',
        actor: { name: 'Camille Laurent', role: 'delegate', delegation: 'FR' },
        action: 'position.set',
        draftId: null,
        subject: '=HYPERLINK("x")',
        details: { note: 'say "no"' },
        hash: 'h2',
      },
      { id: 1, at: '2026-11-22T09:00:00.000Z', actorEmail: null, actor: null, action: 'draft.seeded', draftId: null, subject: null, details: {}, hash: 'h1' },
    ]);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,draft,subject,details,hash');
    expect(lines[1].startsWith('"1"')).toBe(true);
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toContain('"{""note"":""say \\""no\\""""}"');
  });
});
