// GET /api/drafts/:id/bench-text - UI bench only (ACCORD_BENCH=1, 404 otherwise): the draft's clause texts as a
// plain HTML page, the floor the room's "text visible" is compared with (bench/ui.ts). Same access as the draft.
import { AppError } from '@/lib/errors/app-error';
import { escapeHtml, staticTextHtml } from '@/lib/collab/static-nodes';
import { requireIdentity, route } from '@/server/http/respond';
import { getServices } from '@/server/services-registry';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const services = getServices();
  if (!services.benchRoutes) throw new AppError('not_found', { message: 'No such page.' });
  const identity = await requireIdentity(req);
  const { id } = await ctx.params;
  const draft = await services.drafts.getForUser(identity, id);
  const texts = await services.staticText.read(identity, id);
  const body = draft.clauses
    .map((c) => `<section><h2>${escapeHtml(c.title)}</h2><div class="clause-text">${staticTextHtml(texts[c.id] ?? [])}</div></section>`)
    .join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(draft.title)}</title></head><body><main><h1>${escapeHtml(draft.title)}</h1>\n${body}\n</main></body></html>`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
});
