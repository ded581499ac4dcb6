/**
 * What circulates shows every dispute: recorded brackets and open alternatives in the
 * exported draft and in a revision (as open at its cut), the four-column document as
 * JSON, DOCX and PDF with the secretariat's comment, and the adopted text with its
 * statements annex. Every file is read back (mammoth / JSZip for DOCX, pdf.js for PDF);
 * the new routes are tried with raw requests by people who may not use them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AlternativeDto, AuditPage, BracketDto, DraftDetail } from '@/lib/api/types';
import type { FourColumnDto } from '@/lib/history/four-column';
import type { RevisionDto, TimelinePage } from '@/lib/history/types';
import { docxPart, docxText, pdfPages } from '../support/read-export';
import { INT_DEMO_PASSWORD, startServer, type RunningServer } from '../support/server';
import { signIn } from '../support/session';
import { connectProvider, type ConnectedProvider } from '../support/yjs-client';
import { clauseText, demoDraft, typeInClause } from './helpers';

type Who = 'secretariat' | 'fr' | 'de' | 'pl' | 'observer';
let server: RunningServer;
let draft: DraftDetail;
let reader: ConnectedProvider;
const cookies = {} as Record<Who, string>;
const clause = (n: number) => draft.clauses.find((c) => c.number === n)!;
const api = (path: string) => `${server.url}/api/drafts/${draft.id}${path}`;

async function call<T = unknown>(who: Who | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(api(path), {
    method,
    headers: { ...(who ? { cookie: cookies[who] } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function file(who: Who, path: string): Promise<Buffer> {
  const res = await fetch(api(path), { headers: { cookie: cookies[who] } });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

function rangeOf(n: number, words: string): { from: number; to: number } {
  const text = clauseText(reader.doc, clause(n).id);
  const from = text.indexOf(words);
  if (from < 0) throw new Error(`"${words}" is not in clause ${n}: ${text}`);
  return { from, to: from + words.length };
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

beforeAll(async () => {
  server = await startServer();
  for (const who of ['secretariat', 'fr', 'de', 'pl', 'observer'] as const) cookies[who] = await signIn(server.url, `${who}@accord.test`, INT_DEMO_PASSWORD);
  draft = await demoDraft(server.url, cookies.fr);
  reader = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.observer });
  await reader.waitSynced();
});

afterAll(async () => {
  reader?.destroy();
  await server?.stop();
});

describe('disputes in the exported draft and in a revision', () => {
  let revision: RevisionDto;

  beforeAll(async () => {
    // FR and DE bracket the same words of clause 7; PL proposes ALT 2 for other words, backed by DE too.
    for (const who of ['fr', 'de'] as const) {
      const b = await call<BracketDto>(who, 'POST', `/clauses/${clause(7).id}/brackets`, { span: { range: rangeOf(7, 'mine clearance') } });
      expect(b.status).toBe(201);
    }
    const alt = await call<AlternativeDto>('pl', 'POST', `/clauses/${clause(7).id}/alternatives`, {
      body: 'demining and explosive ordnance disposal',
      span: { range: rangeOf(7, 'mine clearance') },
    });
    expect(alt.status).toBe(201);
    expect((await call('de', 'PUT', `/alternatives/${alt.body.id}/backing`, { backed: true })).status).toBe(200);
    const whole = await call<AlternativeDto>('fr', 'POST', `/clauses/${clause(13).id}/alternatives`, {
      body: 'The participants conclude bilateral agreements in full.',
    });
    expect(whole.status).toBe(201);
    // Rev.N is cut now; afterwards the PL alternative is withdrawn and a new bracket recorded on clause 14.
    const cut = await call<RevisionDto>('secretariat', 'POST', '/revisions', { note: 'With the disputes open' });
    expect(cut.status).toBe(201);
    revision = cut.body;
    expect((await call('pl', 'POST', `/alternatives/${alt.body.id}/withdraw`)).status).toBe(200);
    expect((await call('de', 'POST', `/clauses/${clause(14).id}/brackets`, { span: { range: rangeOf(14, 'transparent') } })).status).toBe(201);
    // Clause 15 withdrawn.
    expect((await call('secretariat', 'POST', `/clauses/${clause(15).id}/status`, { status: 'withdrawn' })).status).toBe(200);
  });

  it('prints recorded brackets with the proposers in superscript, open alternatives with backers, and withdrawn clauses by title only (DOCX)', async () => {
    const buffer = await file('fr', '/export?format=docx');
    const text = await docxText(buffer);
    expect(text).toContain('[mine clearance]DE, FR');
    expect(text).toContain('[transparent]DE');
    // The withdrawn ALT 2 is gone; the whole-clause ALT of clause 13 is printed in full.
    expect(text).not.toContain('demining and explosive ordnance disposal');
    expect(text).toContain('ALT 2, for the whole clause:');
    expect(text).toContain('The participants conclude bilateral agreements in full.');
    expect(text).toContain('Proposed by FR; backed by FR.');
    // A withdrawn clause is out of the numbering: its title alone, then the mark.
    const lines = text.split('\n').filter((line) => line.trim());
    const mark = lines.indexOf('[withdrawn]');
    expect(lines[mark - 1]).toContain(clause(15).title);
    expect(lines[mark - 1]).not.toMatch(/^\d+\./);
    const xml = (await docxPart(buffer, 'word/document.xml'))!;
    expect(xml).toMatch(/<w:vertAlign w:val="superscript"\/>[\s\S]{0,200}>DE, FR<\/w:t>/);
  });

  it('prints the same in the PDF', async () => {
    const all = (await pdfPages(await file('observer', '/export?format=pdf'))).join(' ');
    expect(all).toContain('[mine clearance]');
    expect(all).toMatch(/\[mine clearance\] ?DE, FR/);
    expect(all).toContain('ALT 2, for the whole clause:');
    expect(all).toContain('Proposed by FR; backed by FR.');
    expect(all).toContain('[withdrawn]');
  });

  it('exports Rev.N with the brackets and alternatives open at its cut', async () => {
    const text = await docxText(await file('fr', `/revisions/${revision.number}/export?format=docx`));
    expect(text).toContain('[mine clearance]DE, FR');
    expect(text).toContain('ALT 2, replacing “mine clearance”:');
    expect(text).toContain('demining and explosive ordnance disposal');
    expect(text).toContain('Proposed by PL; backed by DE, PL.');
    expect(text).not.toContain('[transparent]');
    const all = oneLine((await pdfPages(await file('fr', `/revisions/${revision.number}/export?format=pdf`))).join(' '));
    expect(all).toContain('demining and explosive ordnance disposal');
    expect(all).toContain('Proposed by PL; backed by DE, PL.');
  });
});

describe('the four-column document', () => {
  const EDIT = ' under international supervision';
  let fr: ConnectedProvider;

  beforeAll(async () => {
    expect((await call('fr', 'PUT', `/clauses/${clause(2).id}/positions/FR`, { position: 'support', note: 'Fine as it is.' })).status).toBe(200);
    const cut = await call<RevisionDto>('secretariat', 'POST', '/revisions', {});
    expect(cut.status).toBe(201);
    fr = connectProvider({ wsUrl: server.wsUrl, draftId: draft.id, cookie: cookies.fr });
    await fr.waitSynced();
    typeInClause(fr.doc, clause(2).id, EDIT);
    await vi.waitFor(() => expect(clauseText(reader.doc, clause(2).id)).toContain('international supervision'), { timeout: 10_000, interval: 50 });
    expect(
      (
        await call('de', 'PUT', `/clauses/${clause(2).id}/positions/DE`, {
          position: 'reservation',
          reservation: 'scrutiny',
          note: 'Parliament to be consulted.',
        })
      ).status,
    ).toBe(200);
  });

  afterAll(() => fr?.destroy());

  it('lets only the secretariat write the comment on a clause (401, 403, 400), audited and pushed', async () => {
    const path = `/clauses/${clause(2).id}/comment`;
    expect((await call(null, 'PUT', path, { comment: 'x' })).status).toBe(401);
    for (const who of ['fr', 'observer'] as const) {
      const res = await call<{ error: { code: string } }>(who, 'PUT', path, { comment: 'x' });
      expect(res.status, who).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await call('secretariat', 'PUT', path, { comment: 'x'.repeat(4001) })).status).toBe(400);
    expect((await call('secretariat', 'PUT', `/clauses/00000000-0000-4000-8000-000000000000/comment`, { comment: 'x' })).status).toBe(404);
    const ok = await call<{ comment: string }>('secretariat', 'PUT', path, { comment: 'Compromise expected at the next round.' });
    expect(ok.status).toBe(200);
    expect(ok.body.comment).toBe('Compromise expected at the next round.');
    const audit = await call<AuditPage>('secretariat', 'GET', `/../../audit?action=clause.commented&draftId=${draft.id}`);
    expect(audit.body.entries.some((e) => e.details.clauseNumber === 2)).toBe(true);
    // Kept with the history: every reader finds it in the timeline.
    const timeline = await call<TimelinePage>('observer', 'GET', `/history/timeline?kind=clause-comment&clause=${clause(2).id}`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.entries[0]).toMatchObject({
      kind: 'clause-comment',
      clauseNumber: 2,
      excerpt: 'Compromise expected at the next round.',
      actor: { role: 'secretariat' },
    });
  });

  it('answers JSON: text at A, text at B with changes, positions at B and the comment', async () => {
    const res = await call<FourColumnDto>('observer', 'GET', `/four-column?from=rev:2&to=now`);
    expect(res.status).toBe(200);
    expect(res.body.from.spec).toBe('rev:2');
    const row = res.body.rows.find((r) => r.number === 2)!;
    expect(row.textB).toBe(row.textA + EDIT);
    expect(row.segments.some((s) => s.kind === 'insert' && s.text.includes('international supervision') && s.delegation === 'FR')).toBe(true);
    expect(row.positions).toEqual(
      expect.arrayContaining([
        { delegation: 'FR', position: 'support', note: 'Fine as it is.', stale: true },
        { delegation: 'DE', position: 'reservation', reservation: 'scrutiny', note: 'Parliament to be consulted.', stale: false },
      ]),
    );
    expect(row.comment).toBe('Compromise expected at the next round.');
    // At rev:2 the DE reservation and the comment did not exist yet.
    const back = await call<FourColumnDto>('fr', 'GET', `/four-column?from=rev:1&to=rev:2`);
    const then = back.body.rows.find((r) => r.number === 2)!;
    expect(then.positions.find((p) => p.delegation === 'DE')).toBeUndefined();
    expect(then.positions.find((p) => p.delegation === 'FR')).toMatchObject({ position: 'support', stale: false });
    expect(then.comment).toBeUndefined();
  });

  it('downloads a landscape DOCX with a real table: four columns plus the comment, changes underlined', async () => {
    const buffer = await file('fr', '/four-column?from=rev:2&to=now&format=docx');
    const xml = (await docxPart(buffer, 'word/document.xml'))!;
    expect(xml).toContain('w:orient="landscape"');
    const rows = [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    );
    expect(rows[0]).toHaveLength(5);
    expect(rows[0][4]).toBe('Secretariat&apos;s comment');
    const row2 = rows.find((r) => r[0].startsWith('2. '))!;
    expect(row2[1]).not.toContain('international supervision');
    expect(row2[2]).toContain('international supervision');
    expect(row2[3]).toContain('DE — Scrutiny reservation: Parliament to be consulted.');
    expect(row2[3]).toMatch(/FR — Support: Fine as it is\. †/);
    expect(row2[4]).toBe('Compromise expected at the next round.');
    expect(xml).toMatch(/<w:u w:val="single"\/>[\s\S]{0,120}> under international supervision<\/w:t>/);
  });

  it('downloads a PDF with the same columns', async () => {
    const all = oneLine((await pdfPages(await file('observer', '/four-column?from=rev:2&to=now&format=pdf'))).join(' '));
    expect(all).toContain('Four-column document');
    expect(all).toContain('under international supervision');
    expect(all).toContain('DE — Scrutiny reservation: Parliament to be consulted.');
    expect(all).toContain('Compromise expected at the next round.');
  });

  it('draws the recorded brackets open at each point into its text column, with the proposers (JSON, DOCX, PDF)', async () => {
    const res = await call<FourColumnDto>('fr', 'GET', '/four-column?from=rev:1&to=now');
    expect(res.status).toBe(200);
    const row = (n: number) => res.body.rows.find((r) => r.number === n)!;
    const words = (text: string, brackets: FourColumnDto['rows'][number]['bracketsA']) => brackets.map((b) => [text.slice(b.from, b.to), b.delegations]);
    // FR and DE bracketed "mine clearance" before Rev.1; DE bracketed "transparent" after it.
    expect(words(row(7).textA, row(7).bracketsA)).toEqual([['mine clearance', ['DE', 'FR']]]);
    expect(words(row(7).textB, row(7).bracketsB)).toEqual([['mine clearance', ['DE', 'FR']]]);
    expect(row(14).bracketsA).toEqual([]);
    expect(words(row(14).textB, row(14).bracketsB)).toEqual([['transparent', ['DE']]]);

    const xml = (await docxPart(await file('fr', '/four-column?from=rev:1&to=now&format=docx'), 'word/document.xml'))!;
    const rows = [...xml.matchAll(/<w:tr\b[\s\S]*?<\/w:tr>/g)].map((m) =>
      [...m[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
    );
    const docxRow = (n: number) => rows.find((r) => r[0].startsWith(`${n}. `))!;
    expect(docxRow(7)[1]).toContain('[mine clearance]DE, FR');
    expect(docxRow(7)[2]).toContain('[mine clearance]DE, FR');
    expect(docxRow(14)[1]).not.toContain('[transparent]');
    expect(docxRow(14)[2]).toContain('[transparent]DE');
    // The withdrawn clause 15 heads its row without a number.
    expect(rows.some((r) => r[0] === `[withdrawn] ${clause(15).title}`)).toBe(true);
    expect(xml).toMatch(/<w:vertAlign w:val="superscript"\/>[\s\S]{0,200}>DE, FR<\/w:t>/);

    const all = oneLine((await pdfPages(await file('fr', '/four-column?from=rev:1&to=now&format=pdf'))).join(' '));
    expect(all).toMatch(/\[mine clearance\] ?DE, FR/);
    expect(all).toMatch(/\[transparent\] ?DE/);
  });

  it('refuses without a session, with bad points and for unknown formats', async () => {
    expect((await call(null, 'GET', '/four-column?from=rev:1')).status).toBe(401);
    expect((await call('fr', 'GET', '/four-column')).status).toBe(400);
    expect((await call('fr', 'GET', '/four-column?from=rev:99')).status).toBe(404);
    expect((await call('fr', 'GET', '/four-column?from=rev:1&format=odt')).status).toBe(400);
  });
});

describe('the adopted text', () => {
  it('is for the secretariat only and answers 409 while clauses are not agreed', async () => {
    const res = await call<{ error: { code: string; message: string } }>('secretariat', 'GET', '/export/adopted?format=docx');
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('once every clause is agreed');
    expect((await call(null, 'GET', '/export/adopted')).status).toBe(401);
    for (const who of ['fr', 'observer'] as const) expect((await call(who, 'GET', '/export/adopted?format=docx')).status, who).toBe(403);
  });

  it('exports the final text without flags or brackets, a cover and the attributed statements annex', async () => {
    expect(
      (
        await call('de', 'PUT', `/clauses/${clause(1).id}/positions/DE`, {
          position: 'interpretative_statement',
          note: 'DE reads "guarantees" as political commitments.',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('pl', 'PUT', `/clauses/${clause(1).id}/positions/PL`, {
          position: 'reservation',
          reservation: 'parliamentary',
          note: 'Subject to approval by the Sejm.',
        })
      ).status,
    ).toBe(200);
    const detail = await call<DraftDetail>('secretariat', 'GET', '');
    for (const c of detail.body.clauses) {
      if (c.status === 'withdrawn' || c.status === 'agreed') continue;
      if (c.status === 'drafting') expect((await call('secretariat', 'POST', `/clauses/${c.id}/status`, { status: 'negotiating' })).status).toBe(200);
      const res = await call('secretariat', 'POST', `/clauses/${c.id}/status`, { status: 'agreed', override: 'Adopted at the final meeting.' });
      expect(res.status, `clause ${c.number}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const text = await docxText(await file('secretariat', '/export/adopted?format=docx'));
    expect(text).toContain('ADOPTED TEXT');
    expect(text).toMatch(/Adopted on \d{1,2} \w+ \d{4}/);
    expect(text).toContain('Participating delegations');
    expect(text).toContain('FR — France');
    expect(text).not.toContain('(Negotiating)');
    expect(text).not.toContain('ALT 2, for the whole clause');
    expect(text).not.toContain(']DE, FR');
    expect(text).not.toContain('[withdrawn]');
    expect(text).toContain('Annex: interpretative statements and reservations');
    expect(text).toContain(`Clause 1. ${clause(1).title} — DE — Germany`);
    expect(text).toContain('DE reads "guarantees" as political commitments.');
    expect(text).toContain('Parliamentary reservation');
    expect(text).toContain('Subject to approval by the Sejm.');
    const all = oneLine((await pdfPages(await file('secretariat', '/export/adopted?format=pdf'))).join(' '));
    expect(all).toContain('ADOPTED TEXT');
    expect(all).toContain('Annex: interpretative statements and reservations');
    expect(all).toContain('Subject to approval by the Sejm.');
  });

  it('stays exportable once the draft is closed, while the comment is read-only', async () => {
    expect((await call('secretariat', 'PATCH', '', { state: 'closed' })).status).toBe(200);
    try {
      const refused = await call<{ error: { code: string } }>('secretariat', 'PUT', `/clauses/${clause(2).id}/comment`, { comment: 'Too late.' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('conflict');
      expect(await docxText(await file('secretariat', '/export/adopted?format=docx'))).toContain('ADOPTED TEXT');
      expect(await docxText(await file('fr', '/export?format=docx'))).toContain('[withdrawn]');
      const table = await call<FourColumnDto>('fr', 'GET', '/four-column?from=rev:1&to=now');
      expect(table.status).toBe(200);
      expect(table.body.rows.find((r) => r.number === 2)!.comment).toBe('Compromise expected at the next round.');
      expect((await file('observer', '/four-column?from=rev:1&to=now&format=pdf')).subarray(0, 4).toString()).toBe('%PDF');
    } finally {
      expect((await call('secretariat', 'PATCH', '', { state: 'open', reason: 'Test over.' })).status).toBe(200);
    }
  });
});
