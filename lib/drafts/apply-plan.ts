/**
 * Applies a secretariat's plan to the preview the server read again from the same file:
 * the plan's clauses must cover the same units in the same order (only the grouping and
 * the titles may differ), and the content is taken from the file, never from the plan.
 */
import { AppError } from '../errors/app-error';
import { makeClause, type ImportPlan, type ImportPreview } from './import-plan';

/**
 * The preview with its clauses regrouped and retitled as `plan` says.
 * @throws AppError bad_request when the plan does not fit the file (another file, or a
 * plan that drops, repeats or reorders paragraphs).
 */
export function applyPlan(preview: ImportPreview, plan: ImportPlan): ImportPreview {
  const units = preview.clauses.flatMap((c) => c.units);
  const planned = plan.flatMap((c) => c.units.map((u) => u.n));
  const fits = planned.length === units.length && planned.every((n, i) => units[i].n === n);
  if (!fits) {
    throw new AppError('bad_request', {
      message: 'The clause plan does not match this file (another file, or paragraphs left out or moved). Preview the file again and redo the adjustments.',
      issues: [{ path: 'plan', message: 'does not match the file' }],
    });
  }
  let next = 0;
  const clauses = plan.map((c) => {
    const own = units.slice(next, next + c.units.length);
    next += c.units.length;
    return makeClause(own, c.title);
  });
  return { ...preview, clauses };
}
