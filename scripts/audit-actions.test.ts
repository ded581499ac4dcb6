/**
 * Every audit action written anywhere has a human label and an entry in the audit log's
 * filter: the actions are read from the source (every string literal given as `action`
 * to `writeAudit`, including both sides of a conditional) with the TypeScript compiler API.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, auditActionLabel } from '@/lib/ui/audit-entry';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

/** String literals an expression can evaluate to (through conditionals and parentheses). */
function literals(node: ts.Expression): string[] {
  if (ts.isStringLiteralLike(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literals(node.expression);
  return [];
}

/** Actions passed to writeAudit in one source text: `{ file, action }`, and calls whose action is not a literal. */
export function writtenActions(file: string, text: string): { actions: string[]; opaque: number } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const actions: string[] = [];
  let opaque = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.expression.getText(source) === 'writeAudit') {
      const entry = node.arguments[1];
      if (entry && ts.isObjectLiteralExpression(entry)) {
        for (const prop of entry.properties) {
          if (ts.isPropertyAssignment(prop) && prop.name.getText(source) === 'action') {
            const found = literals(prop.initializer);
            if (found.length === 0) opaque += 1;
            actions.push(...found);
          }
        }
      } else opaque += 1;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { actions, opaque };
}

describe('audit actions', () => {
  const written = ['server', 'scripts'].flatMap(files).map((file) => ({ file, ...writtenActions(file, fs.readFileSync(path.join(root, file), 'utf8')) }));

  it('reads the actions of writeAudit calls, both sides of a conditional included', () => {
    const text = "writeAudit(tx, { action: 'a.one' }); writeAudit(tx, { action: ok ? 'a.two' : 'a.three' }); writeAudit(tx, { action: name });";
    expect(writtenActions('x.ts', text)).toEqual({ actions: ['a.one', 'a.two', 'a.three'], opaque: 1 });
  });

  it('finds the actions the server writes', () => {
    const all = new Set(written.flatMap((w) => w.actions));
    expect(all.has('position.set')).toBe(true);
    expect(all.has('silence.interrupted')).toBe(true);
    expect(written.filter((w) => w.opaque > 0).map((w) => w.file)).toEqual([]);
  });

  it('has a label and a filter entry for every action written anywhere', () => {
    const missing = written.flatMap((w) => w.actions.filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a)).map((a) => `${w.file}: ${a}`));
    expect(missing).toEqual([]);
  });

  it('gives every listed action its own human label', () => {
    const labels = AUDIT_ACTIONS.map((a) => AUDIT_ACTION_LABELS[a]);
    for (const [i, action] of AUDIT_ACTIONS.entries()) {
      expect(labels[i], action).toMatch(/^[A-Z][a-z]/);
      expect(auditActionLabel(action)).not.toBe(action);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });
});
