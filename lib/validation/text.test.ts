import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freeText, freeTextProblem } from './text';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = z.object({ note: schema }).safeParse({ note: value });
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

describe('freeText', () => {
  const multiline = freeText({ multiline: true }).max(20, 'is at most 20 characters');
  const oneLine = freeText({ trim: true }).min(1, 'is required').max(20);

  it('keeps ordinary text, tabs and line breaks in multi-line text, with CRLF and CR stored as LF', () => {
    expect(multiline.parse('Article 3 — “né”\tok')).toBe('Article 3 — “né”\tok');
    expect(multiline.parse('one\r\ntwo\rthree\n')).toBe('one\ntwo\nthree\n');
    expect(multiline.parse('emoji 🇫🇷')).toBe('emoji 🇫🇷');
  });

  it.each([
    ['NUL', 'a\u0000b', 'U+0000 at character 2'],
    ['BEL', '\u0007', 'U+0007 at character 1'],
    ['vertical tab', 'a\u000Bb', 'U+000B'],
    ['ESC', 'x\u001b[2J', 'U+001B'],
    ['DEL', 'x\u007f', 'U+007F'],
    ['a C1 control (NEL)', 'x\u0085', 'U+0085'],
  ])('refuses %s with an issue on the field that says which character and where', (_name, value, where) => {
    const issues = issuesOf(multiline, value);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('note');
    expect(issues[0].message).toContain(where);
    expect(issues[0].message).toMatch(/control character.*remove it/);
  });

  it('refuses unpaired surrogates but keeps pairs', () => {
    expect(issuesOf(multiline, 'a\ud800b')[0].message).toMatch(/unpaired UTF-16 surrogate U\+D800 at character 2/);
    expect(issuesOf(multiline, '\udc00')[0].message).toMatch(/U\+DC00/);
    expect(issuesOf(multiline, '\ud83c\uddeb')).toEqual([]);
  });

  it('refuses tabs and line breaks inside one-line text, and trims around it', () => {
    expect(oneLine.parse('  Ana Silva ')).toBe('Ana Silva');
    expect(issuesOf(oneLine, 'Ana\nSilva')[0].message).toMatch(/U\+000A.*one line/);
    expect(issuesOf(oneLine, 'Ana\tSilva')[0].message).toMatch(/U\+0009/);
    expect(issuesOf(oneLine, 'Ana\r\nSilva')[0].message).toMatch(/U\+000D/);
  });

  it('lists a control character and a length problem together, and keeps the caller’s messages', () => {
    const issues = issuesOf(multiline, `${'x'.repeat(30)}\u0000`);
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/U\+0000/), 'is at most 20 characters']);
    expect(issuesOf(freeText({ error: 'is required: the text' }), undefined)).toEqual([{ path: 'note', message: 'is required: the text' }]);
  });

  it('freeTextProblem answers null for acceptable text', () => {
    expect(freeTextProblem('line\nnext\tcol', true)).toBeNull();
    expect(freeTextProblem('line\nnext', false)).toMatch(/one line/);
  });
});
