/**
 * Circulating the draft: GET /api/drafts/:id/export over HTTP with a session, the file
 * read back with a DOCX reader (and pdf.js), the current live text (an edit made over
 * the Yjs websocket a moment before) in it, the audit entry, and the refusals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditPage, DraftDetail, UserDto } from '@/lib/api/types';
import type { RevisionDto } from '@/lib/history/types';
import { parseDemoContent } from '@/server/seed/demo-content';
import { docxRevisions, docxText, pdfPages } from '../support/read-export';
import { INT_DEMO_PASSWORD, REPO_ROOT, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

const demo = parseDemoContent(fs.readFileSync(path.join(REPO_ROOT, 'demo/framework.md'), 'utf8'));
const LIVE_EDIT = ' [and reviewed by the participants – “live edit”]';

let server: RunningServer;
let draft: DraftDetail;
const cookies: Record<string, string> = {};
const providers: ConnectedProvider[] = [];

beforeAll(async () => {
  server = await startServer();
  for (const who of ['secretariat', 'fr', 'observer']) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
  // An account that exists but is shared no draft.
  const created = await fetch(`${server.url}/api/users`, {
    method: 'POST',
    headers: { cookie: cookies.secretariat, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'outsider@accord.test', name: 'Outsider', role: 'observer' }),
  });
  expect(created.status).toBe(201);
  const { password } = (await created.json()) as { user: UserDto; password: string };
  cookies.outsider = await signIn(server.url, 'outsider@accord.test', password);
});

afterAll(async () => {
  for (const p of providers) p.destroy();
  await server?.stop();
});

const exportUrl = (query: string, id = draft.id) => `${server.url}/api/drafts/${id}/export${query}`;

async function download(query: string, who = 'fr'): Promise<Response> {
  return fetch(exportUrl(query), { headers: { cookie: cookies[who] } });
}

describe('GET /api/drafts/:id/export', () => {
  it('downloads the current text as DOCX: every clause numbered with its title, brackets and ALT wordings verbatim, a live edit included', async () => {
    const fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.fr });
    providers.push(fr);
    await fr.waitSynced();
    const clause2 = draft.clauses.find((c) => c.number === 2)!;
    typeInClause(fr.doc, clause2.id, LIVE_EDIT);
    // The edit is stored once another client sees it.
    const check = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.observer });
    providers.push(check);
    await check.waitSynced();
    await expect.poll(() => clauseText(check.doc, clause2.id), { timeout: 10_000 }).toContain('live edit');

    const res = await download('?format=docx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers.get('content-disposition')).toContain(`attachment; filename="${draft.title} ${today}.docx"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await docxText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain(draft.title);
    expect(text).toMatch(/Working text as of \d{1,2} \w+ \d{4}, \d{2}:\d{2} UTC/);
    expect(demo.clauses).toHaveLength(16);
    for (const clause of demo.clauses) {
      expect(text).toContain(`${clause.number}. ${clause.title}`);
      expect(text).toContain(clause.number === 2 ? `${clause.text}${LIVE_EDIT}` : clause.text);
    }
    expect(text).toContain('[and is verified by the monitoring mechanism for [30] [60] consecutive days]');
    expect(text).toContain('ALT 1: it is led by the United States. ALT 2: it is');
    expect(text).not.toContain('Annex: positions of delegations');
  });

  it('adds the positions annex on request, with the demo positions and notes', async () => {
    const res = await download('?format=docx&annex=positions');
    expect(res.status).toBe(200);
    const text = await docxText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain('Annex: positions of delegations');
    for (const clause of demo.clauses) expect(text).toContain(`Clause ${clause.number}. ${clause.title}`);
    expect(text).toContain('UA — Ukraine');
    expect(text).toContain('Supports ALT 1: monitoring led by the United States.');
    expect(text).toMatch(/R {2}Substantive reservation/);
    expect(text).toMatch(/Blocked by DE \(substantive reservation\)/);
    // Observer delegations state no positions and are not listed.
    expect(text).not.toContain('US — United States');
  });

  it('downloads a paged PDF with every clause title and the brackets, for observers too', async () => {
    const res = await download('?format=pdf', 'observer');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/filename="Framework for Security Guarantees for Ukraine \d{4}-\d{2}-\d{2}\.pdf"/);
    const pages = await pdfPages(Buffer.from(await res.arrayBuffer()));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.join(' ');
    for (const clause of demo.clauses) expect(all).toContain(`${clause.number}. ${clause.title}`);
    expect(all).toContain('[from bases in Poland and Romania] [from bases in Ukraine and neighbouring states]');
    expect(all).toContain('“live edit”');
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
  });

  it('records each export in the audit log', async () => {
    const res = await fetch(`${server.url}/api/audit?action=draft.exported&draftId=${draft.id}`, { headers: { cookie: cookies.secretariat } });
    expect(res.status).toBe(200);
    const page = (await res.json()) as AuditPage;
    const entries = page.entries.map((e) => ({ actor: e.actorEmail, format: e.details.format, annex: e.details.annex }));
    expect(entries).toEqual(
      expect.arrayContaining([
        { actor: 'fr@accord.test', format: 'docx', annex: null },
        { actor: 'fr@accord.test', format: 'docx', annex: 'positions' },
        { actor: 'observer@accord.test', format: 'pdf', annex: null },
      ]),
    );
  });

  it('refuses without a session (401), for drafts the caller may not read (404) and for unknown formats (400)', async () => {
    const anonymous = await fetch(exportUrl('?format=docx'));
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');

    for (const [query, id, who] of [
      ['?format=docx', draft.id, 'outsider'],
      ['?format=docx', '00000000-0000-4000-8000-000000000000', 'fr'],
      ['?format=pdf', 'not-a-draft', 'fr'],
    ] as const) {
      const res = await fetch(exportUrl(query, id), { headers: { cookie: cookies[who] } });
      expect(res.status, `${who} ${id}`).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    }

    const odt = await download('?format=odt');
    expect(odt.status).toBe(400);
    const body = (await odt.json()) as { error: { code: string; message: string; issues: Array<{ path: string }> } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain('format must be docx or pdf');
    expect(body.error.issues[0].path).toBe('format');

    const annex = await download('?format=pdf&annex=votes');
    expect(annex.status).toBe(400);
    expect(((await annex.json()) as { error: { message: string } }).error.message).toContain('annex can only be positions');

    // Refusals are not audited as exports.
    const audit = (await (await fetch(`${server.url}/api/audit?action=draft.exported`, { headers: { cookie: cookies.secretariat } })).json()) as AuditPage;
    expect(audit.entries.some((e) => e.actorEmail === 'outsider@accord.test')).toBe(false);
  });
});

describe('revisions and comparisons', () => {
  const LATER_EDIT = ' [or quarterly]';
  let revision: RevisionDto;

  beforeAll(async () => {
    const cut = await fetch(`${server.url}/api/drafts/${draft.id}/revisions`, {
      method: 'POST',
      headers: { cookie: cookies.secretariat, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'Circulated to capitals – for comment by 5 December' }),
    });
    expect(cut.status).toBe(201);
    revision = (await cut.json()) as RevisionDto;
    // FR edits clause 16 after the cut.
    const fr = providers[0];
    const clause16 = draft.clauses.find((c) => c.number === 16)!;
    typeInClause(fr.doc, clause16.id, LATER_EDIT, 'The participants review the framework every [six months] [year]'.length);
    // Stored once another client has it.
    await vi.waitFor(() => expect(clauseText(providers[1].doc, clause16.id)).toContain('quarterly'), { timeout: 10_000, interval: 50 });
  });

  it('exports a numbered revision as DOCX and PDF: its text as cut, labelled Rev.N with its date and note', async () => {
    const docx = await fetch(`${server.url}/api/drafts/${draft.id}/revisions/${revision.number}/export?format=docx`, { headers: { cookie: cookies.observer } });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain(`filename="${draft.title} Rev.${revision.number} ${revision.createdAt.slice(0, 10)}.docx"`);
    const text = await docxText(Buffer.from(await docx.arrayBuffer()));
    expect(text).toMatch(new RegExp(`Rev\\.${revision.number} — \\d{1,2} \\w+ \\d{4}`));
    expect(text).toContain('Circulated to capitals – for comment by 5 December');
    for (const clause of demo.clauses) expect(text).toContain(`${clause.number}. ${clause.title}`);
    expect(text).toContain(`${demo.clauses[1].text}${LIVE_EDIT}`);
    expect(text).toContain('The participants review the framework every [six months] [year].');
    expect(text).not.toContain('quarterly');
    expect(text).not.toContain('(Negotiating)');

    const pdf = await fetch(`${server.url}/api/drafts/${draft.id}/revisions/rev.${revision.number}/export?format=pdf`, { headers: { cookie: cookies.fr } });
    expect(pdf.status).toBe(200);
    const pages = await pdfPages(Buffer.from(await pdf.arrayBuffer()));
    expect(pages[0]).toContain(`Rev.${revision.number} —`);
    expect(pages.join(' ')).toContain('[six months] [year].');
    expect(pages.join(' ')).not.toContain('quarterly');
  });

  it('exports a comparison as DOCX with tracked changes attributed to the delegation', async () => {
    const res = await fetch(`${server.url}/api/drafts/${draft.id}/history/compare/export?from=rev:${revision.number}&to=now`, {
      headers: { cookie: cookies.observer },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`filename="${draft.title} Rev\\.${revision.number} to now \\d{4}-\\d{2}-\\d{2}\\.docx"`));
    const buffer = Buffer.from(await res.arrayBuffer());
    const inserted = (await docxRevisions(buffer)).filter((r) => r.kind === 'ins');
    expect(inserted.map((r) => r.text).join('')).toContain('quarterly');
    expect(inserted.every((r) => r.author === 'FR')).toBe(true);
    const text = await docxText(buffer);
    expect(text).toContain(`Changes from Rev.${revision.number}`);
    expect(text).toContain('Changed: clause 16 (1 of 16).');
    expect(text).toContain('1. Purpose — unchanged');
    expect(text).toContain(`The participants review the framework every [six months] [year]${LATER_EDIT}.`);
  });

  it('records revision and comparison exports in the audit log', async () => {
    const page = (await (
      await fetch(`${server.url}/api/audit?action=draft.exported&draftId=${draft.id}`, { headers: { cookie: cookies.secretariat } })
    ).json()) as AuditPage;
    expect(page.entries.some((e) => e.details.revision === revision.number && e.details.format === 'pdf')).toBe(true);
    expect(page.entries.some((e) => (e.details.comparison as { from?: string } | undefined)?.from === `rev:${revision.number}`)).toBe(true);
  });

  it('refuses unknown revisions, other formats, the annex and readers who may not see the draft', async () => {
    const get = (path: string, who?: string) => fetch(`${server.url}/api/drafts/${draft.id}${path}`, { headers: who ? { cookie: cookies[who] } : {} });
    expect((await get(`/revisions/${revision.number}/export`)).status).toBe(401);
    expect((await get('/history/compare/export?from=rev:1')).status).toBe(401);
    expect((await get(`/revisions/${revision.number}/export`, 'outsider')).status).toBe(404);
    expect((await get('/history/compare/export?from=rev:1', 'outsider')).status).toBe(404);
    const unknown = await get('/revisions/99/export', 'fr');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('Rev.99');
    expect((await get('/revisions/abc/export', 'fr')).status).toBe(404);
    const odt = await get(`/revisions/${revision.number}/export?format=odt`, 'fr');
    expect(odt.status).toBe(400);
    expect(((await odt.json()) as { error: { message: string } }).error.message).toContain('format must be docx or pdf');
    const annex = await get(`/revisions/${revision.number}/export?annex=positions`, 'fr');
    expect(annex.status).toBe(400);
    expect(((await annex.json()) as { error: { message: string } }).error.message).toContain('only available for the current text');
    const pdf = await get('/history/compare/export?from=rev:1&format=pdf', 'fr');
    expect(pdf.status).toBe(400);
    expect(((await pdf.json()) as { error: { message: string } }).error.message).toContain('docx');
    expect((await get('/history/compare/export', 'fr')).status).toBe(400);
    expect((await get('/history/compare/export?from=rev:99', 'fr')).status).toBe(404);
  });
});
