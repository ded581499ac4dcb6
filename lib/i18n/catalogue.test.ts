import { describe, expect, it } from 'vitest';
import { CLAUSE_STATUS_LABELS, POSITION_LABELS, RESERVATION_LABELS } from '../domain/vocabulary';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from '../ui/audit-entry';
import { ROLE_LABELS } from '../ui/people';
import { CATALOGUES, messagesFor, NAMESPACES } from './catalogue';
import { flattenCatalogue, icuArguments, icuLiterals } from './catalogue-check';
import { LOCALES } from './locales';

const english = (ns: (typeof NAMESPACES)[number]) => flattenCatalogue(CATALOGUES.en[ns]);

describe('message catalogues', () => {
  for (const locale of LOCALES) {
    for (const ns of NAMESPACES) {
      it(`${locale}/${ns} has exactly the keys of en/${ns}, the same ICU arguments, and no empty message`, () => {
        const reference = english(ns);
        const catalogue = flattenCatalogue(CATALOGUES[locale][ns]);
        expect([...catalogue.keys()].sort()).toEqual([...reference.keys()].sort());
        for (const [key, value] of catalogue) {
          expect(typeof value, `${locale}/${ns}:${key}`).toBe('string');
          expect((value as string).trim(), `${locale}/${ns}:${key} is empty`).not.toBe('');
          expect(icuArguments(value as string), `${locale}/${ns}:${key}`).toEqual(icuArguments(reference.get(key) as string));
        }
      });
    }
  }

  it('has no key with a dot in it (next-intl reads dots as nesting)', () => {
    for (const ns of NAMESPACES) for (const key of english(ns).keys()) expect(key.split('.').every((part) => part.length > 0)).toBe(true);
  });

  it('keeps the domain words equal to the English constants that unconverted code still uses', () => {
    const en = messagesFor('en').domain;
    for (const [status, label] of Object.entries(CLAUSE_STATUS_LABELS)) expect(en.clauseStatus[status as keyof typeof en.clauseStatus]).toBe(label);
    for (const [position, { label, letter }] of Object.entries(POSITION_LABELS)) {
      expect(en.position[position as keyof typeof en.position]).toEqual({ label, letter });
    }
    for (const [reservation, label] of Object.entries(RESERVATION_LABELS)) expect(en.reservation[reservation as keyof typeof en.reservation]).toBe(label);
    for (const [role, label] of Object.entries(ROLE_LABELS)) expect(en.role[role as keyof typeof en.role]).toBe(label);
  });

  it('names every audit action, in English as AUDIT_ACTION_LABELS does', () => {
    const labels = english('admin');
    for (const action of AUDIT_ACTIONS) expect(labels.get(`audit.actionLabel.${action}`)).toBe(AUDIT_ACTION_LABELS[action]);
  });

  it('reads ICU arguments and literals', () => {
    expect(icuArguments('{count, plural, one {# clause in {draft}} other {# clauses}} <strong>{name}</strong>')).toEqual([
      '<strong>',
      'count',
      'draft',
      'name',
    ]);
    expect(icuLiterals('Notifications for {delegation}, read')).toEqual(['Notifications for', ', read']);
    expect(() => icuArguments('{count, plural, one {x}')).toThrow();
  });
});
