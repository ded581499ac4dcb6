import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson } from './audit-log';

describe('audit chain hashing', () => {
  it('hashes the same content the same whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
  });

  it('changes when content or the previous hash changes', () => {
    const row = { at: new Date('2026-11-22T10:00:00.000Z'), actorId: null, actorEmail: 'a@b', action: 'clause.status', draftId: null, subject: 's', details: { to: 'agreed' } };
    const h = auditHash('', row);
    expect(auditHash('', { ...row, details: { to: 'agreed' } })).toBe(h);
    expect(auditHash('', { ...row, details: { to: 'negotiating' } })).not.toBe(h);
    expect(auditHash('x', row)).not.toBe(h);
  });
});
