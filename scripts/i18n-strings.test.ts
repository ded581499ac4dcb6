/**
 * The screens converted to message catalogues (docs/ui-contract.md, "Strings and
 * languages") must not show English written in the component: no words in JSX text,
 * in a string given to a user-visible attribute (aria-label, title, placeholder…), or
 * in a string literal placed directly in JSX. A later conversion adds its folders or
 * files to CONVERTED. ALLOWED lists the few texts that are the same in every language.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Files, or folders taken whole (their .tsx files), that are converted. */
const CONVERTED = [
  'app/layout.tsx',
  'app/_components/app-header.tsx',
  'app/_components/account-menu.tsx',
  'app/_components/header-menu.tsx',
  'app/_components/sign-out-button.tsx',
  'app/_components/i18n',
  'app/_components/comments/notification-bell.tsx',
  'app/_components/comments/notification-item.tsx',
  'app/_components/comments/notification-preferences.tsx',
  'app/_components/ui',
  'app/signin',
  'app/drafts/page.tsx',
  'app/drafts/new',
  'app/_components/drafts/draft-list.tsx',
  'app/_components/drafts/new-draft-form.tsx',
  'app/_components/drafts/delegation-picker.tsx',
  'app/_components/drafts/plan-editor.tsx',
  'app/admin',
  'app/_components/admin',
];

/** Texts that are no words of a language: the wordmark, a command, signs. */
const ALLOWED = new Set(['Accord', 'npm run audit:verify']);

/** Attributes whose string a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'title',
  'placeholder',
  'alt',
  'label',
  'submitLabel',
  'busyLabel',
  'cancelLabel',
  'what',
]);

const hasWords = (text: string) => /[A-Za-zÀ-ÿ]{2,}/.test(text) && !ALLOWED.has(text.trim());

function filesOf(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'))
    .map((f) => join(full, f));
}

/** Every hard-coded user-visible text of a component file, with its line. */
export function hardCodedTexts(file: string, source = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node, text: string) =>
    `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${JSON.stringify(text.trim())}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text)) found.push(at(node, node.text));
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
          ? init.expression
          : null;
      if (literal && hasWords(literal.text)) found.push(at(node, literal.text));
      if (ts.isJsxExpression(init) && init.expression && ts.isTemplateExpression(init.expression) && hasWords(init.expression.head.text)) {
        found.push(at(node, init.expression.head.text));
      }
    }
    // {'Some words'} or {cond ? 'Yes' : 'No'} as a child of an element.
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const strings: ts.StringLiteralLike[] = [];
      const collect = (n: ts.Node) => {
        if (ts.isStringLiteralLike(n)) strings.push(n);
        else if (ts.isConditionalExpression(n)) [n.whenTrue, n.whenFalse].forEach(collect);
        else if (ts.isParenthesizedExpression(n)) collect(n.expression);
        else if (
          ts.isBinaryExpression(n) &&
          (n.operatorToken.kind === ts.SyntaxKind.BarBarToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)
        )
          collect(n.right);
      };
      collect(node.expression);
      for (const s of strings) if (hasWords(s.text)) found.push(at(s, s.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('converted screens have no hard-coded English', () => {
  const files = CONVERTED.flatMap(filesOf);

  it('finds the converted files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('shows only words from the message catalogues', () => {
    expect(files.flatMap((f) => hardCodedTexts(f))).toEqual([]);
  });

  it('catches words in text, attributes and literal children', () => {
    const sample = `export const A = () => (
      <p title="Read me" aria-label={'Close it'} data-testid="x-y">
        Hello there {ok ? 'Yes' : t('no')} {'Accord'} · {count}
        <span placeholder={\`Search \${x}\`}>{t('fine')}</span>
      </p>
    );`;
    expect(hardCodedTexts(join(ROOT, 'sample.tsx'), sample).map((s) => s.replace(/^.*: /, ''))).toEqual([
      '"Read me"',
      '"Close it"',
      '"Hello there"',
      '"Yes"',
      '"Search"',
    ]);
  });
});
