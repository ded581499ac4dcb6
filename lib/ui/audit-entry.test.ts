import { describe, expect, it } from 'vitest';
import { auditActionLabel, formatAuditTime, readableSubject, summariseAuditDetails } from './audit-entry';

describe('summariseAuditDetails', () => {
  it('reads a change of position as from → to, with the kind of reservation and the note', () => {
    expect(summariseAuditDetails({ action: 'position.set', details: { delegation: 'FR', from: 'reservation', to: 'support' } })).toBe(
      'FR: reservation → support',
    );
    expect(
      summariseAuditDetails({
        action: 'position.set',
        details: { delegation: 'PL', from: null, to: 'reservation', reservation: 'parliamentary', note: 'The Sejm must be consulted.' },
      }),
    ).toBe('PL: no position → reservation (parliamentary) · “The Sejm must be consulted.”');
  });

  it('names clause statuses in words and keeps an override reason', () => {
    expect(summariseAuditDetails({ action: 'clause.status', details: { from: 'negotiating', to: 'agreed', override: 'Chair’s ruling' } })).toBe(
      'Negotiating → Agreed · override: “Chair’s ruling”',
    );
    expect(summariseAuditDetails({ action: 'clause.status', details: { from: 'drafting', to: 'negotiating', override: null } })).toBe('Drafting → Negotiating');
  });

  it('says what changed about a person: affiliation and whether they may sign in', () => {
    const from = { role: 'delegate', delegation: 'RO', disabled: false };
    expect(summariseAuditDetails({ action: 'user.updated', details: { from, to: { ...from, disabled: true } } })).toBe('active → disabled');
    expect(summariseAuditDetails({ action: 'user.updated', details: { from: { ...from, disabled: true }, to: from } })).toBe('disabled → active');
    expect(summariseAuditDetails({ action: 'user.updated', details: { from, to: { ...from, role: 'observer' } } })).toBe('RO delegate → RO observer');
    expect(summariseAuditDetails({ action: 'user.created', details: { role: 'secretariat', delegation: null } })).toBe('Secretariat');
  });

  it('summarises silence procedures and seeding', () => {
    expect(summariseAuditDetails({ action: 'silence.started', details: { clauseIds: ['a', 'b'], deadline: '2026-03-04T14:05:09.000Z', note: null } })).toBe(
      'until 4 Mar 2026, 14:05:09 UTC',
    );
    expect(summariseAuditDetails({ action: 'silence.broken', details: { delegation: 'DE', reason: 'Needs the Bundestag.' } })).toBe(
      'broken by DE · “Needs the Bundestag.”',
    );
    expect(summariseAuditDetails({ action: 'silence.completed', details: { clauseIds: ['a'] } })).toBe('1 clause agreed at the deadline');
    expect(summariseAuditDetails({ action: 'draft.seeded', details: { clauses: 20, delegations: 35, accounts: 38 } })).toBe(
      '20 clauses, 35 delegations, 38 accounts',
    );
    expect(summariseAuditDetails({ action: 'draft.created', details: { source: 'docx', clauses: 12, participants: ['FR', 'DE'], observers: [] } })).toBe(
      'from a Word document, 12 clauses, taking part: FR, DE',
    );
    expect(
      summariseAuditDetails({
        action: 'draft.updated',
        details: { title: { from: 'A', to: 'B' }, removed: { participants: ['FR'], observers: [] }, added: { participants: [], observers: ['FR', 'NL'] } },
      }),
    ).toBe('title: “A” → “B”; removed participant FR; added observers FR, NL');
    expect(summariseAuditDetails({ action: 'draft.reopened', details: { reason: 'A correction.' } })).toBe('“A correction.”');
    expect(summariseAuditDetails({ action: 'delegation.created', details: { name: 'Hungary', color: '#117a8b' } })).toBe('Hungary');
  });

  it('falls back to simple key: value pairs for an action it does not know, and survives odd details', () => {
    expect(summariseAuditDetails({ action: 'draft.renamed', details: { title: 'New', nested: { a: 1 } } })).toBe('title: New');
    expect(summariseAuditDetails({ action: 'user.updated', details: {} })).toBe('');
    expect(summariseAuditDetails({ action: 'position.set', details: { delegation: 'FR', from: 'made_up', to: 'support' } })).toBe('FR: made_up → support');
  });
});

describe('labels and formats', () => {
  it('labels known actions and leaves unknown ones as written', () => {
    expect(auditActionLabel('position.set')).toBe('Position set');
    expect(auditActionLabel('draft.renamed')).toBe('draft.renamed');
  });

  it('gives UTC times to the second', () => {
    expect(formatAuditTime('2026-03-04T14:05:09.123Z')).toBe('4 Mar 2026, 14:05:09 UTC');
    expect(formatAuditTime('2026-03-04T14:05:09.123Z', { zone: false })).toBe('4 Mar 2026, 14:05:09');
    expect(formatAuditTime('not a date')).toBe('not a date');
  });

  it('shortens ids in subjects', () => {
    expect(readableSubject('silence 3f2a9c1b-1234-4abc-8def-0123456789ab')).toBe('silence 3f2a9c1b…');
    expect(readableSubject('clauses 5')).toBe('clause 5');
    expect(readableSubject('clauses 5, 6')).toBe('clauses 5, 6');
    expect(readableSubject(null)).toBe('');
  });

  it('says what was exported', () => {
    expect(auditActionLabel('draft.exported')).toBe('Text exported');
    expect(summariseAuditDetails({ action: 'draft.exported', details: { format: 'docx', annex: 'positions', clauses: 16 } })).toBe('DOCX with positions annex');
    expect(summariseAuditDetails({ action: 'draft.exported', details: { format: 'pdf', annex: null } })).toBe('PDF, current text');
    expect(summariseAuditDetails({ action: 'draft.exported', details: { format: 'pdf', revision: 2 } })).toBe('PDF of Rev.2');
    expect(summariseAuditDetails({ action: 'draft.exported', details: { format: 'docx', comparison: { from: 'rev:1', to: 'now' } } })).toBe(
      'DOCX comparison, rev:1 → now',
    );
  });
});
