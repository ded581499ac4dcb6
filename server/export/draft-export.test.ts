import { describe, expect, it } from 'vitest';
import { draftToDocx } from './draft-docx';
import { draftToPdf } from './draft-pdf';
import { demoExportDraft } from '@/test/support/export-fixture';
import { docxPart, docxText, pdfPages } from '@/test/support/read-export';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('draftToDocx', { timeout: 30_000 }, () => {
  it('keeps every clause number, title, status and paragraph verbatim, brackets and ALT wordings included', async () => {
    const input = demoExportDraft(false);
    const buffer = await draftToDocx(input);
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const text = await docxText(buffer);
    expect(text).toContain(input.title);
    expect(text).toContain(input.subtitle);
    for (const clause of input.clauses) {
      expect(text).toContain(`${clause.number}. ${clause.title}`);
      for (const paragraph of clause.paragraphs) expect(text).toContain(paragraph);
    }
    expect(text).toContain('[and is verified by the monitoring mechanism for [30] [60] consecutive days]');
    expect(text).toContain('ALT 1: it is led by the United States. ALT 2: it is');
    expect(text).toContain('Моніторинговий механізм');
    // Statuses of clauses not yet agreed are flagged; agreed ones are not.
    expect(text).toContain('2. Entry into force   (Negotiating)');
    expect(text).toContain('4. Reassurance Force   (Drafting)');
    expect(text).toMatch(/1\. Purpose\n/);
    expect(text).not.toContain('Annex');
  });

  it('shades bracketed wording in bold, underlines ALT markers, and marks every page with the title, marking and page numbers', async () => {
    const buffer = await draftToDocx(demoExportDraft(false));
    const xml = (await docxPart(buffer, 'word/document.xml'))!;
    const runOf = (text: string) => {
      const at = xml.indexOf(`>${text}</w:t>`);
      expect(at, `run with ${text}`).toBeGreaterThan(0);
      return xml.slice(xml.lastIndexOf('<w:r>', at), at);
    };
    expect(runOf('[six months]')).toMatch(/<w:b\/>[\s\S]*<w:shd /);
    expect(runOf('ALT 2:')).toMatch(/<w:u w:val="single"\/>/);
    expect(
      runOf(
        'The participants establish a framework of security guarantees for Ukraine that takes effect once hostilities are interrupted, to deter renewed aggression and to make the peace durable rather than a pause in the fighting.',
      ),
    ).not.toContain('<w:b/>');
    const header = (await docxPart(buffer, 'word/header1.xml'))!;
    expect(header).toContain('DRAFT — FOR NEGOTIATION');
    expect(header).toContain('Framework for Security Guarantees for Ukraine');
    const footer = (await docxPart(buffer, 'word/footer1.xml'))!;
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(footer).toContain('Working text as of 29 November 2026, 14:05 UTC');
  });

  it('adds the positions annex: per clause the consensus and each delegation with letter, words, stale mark and note', async () => {
    const input = demoExportDraft(true);
    const text = await docxText(await draftToDocx(input));
    expect(text).toContain('Annex: positions of delegations');
    expect(text).toContain('Key: S Support · L Can live with · A Ad referendum');
    for (const clause of input.annex!) expect(text).toContain(`Clause ${clause.number}. ${clause.title}`);
    expect(text).toContain('Blocked by DE (substantive reservation)');
    expect(text).toContain('FR — France');
    expect(text).toMatch(/S {2}Support † given on earlier text/);
    expect(text).toMatch(/R {2}Scrutiny reservation/);
    expect(text).toMatch(/– {2}No position yet/);
    expect(text).toContain('Instructions from France pending; prefers ALT 2 – see non-paper of 12 November.');
  });

  it('prints an empty clause as such', async () => {
    const text = await docxText(await draftToDocx({ title: 'T', subtitle: 'S', clauses: [{ number: 3, title: 'Empty', status: 'drafting', paragraphs: [] }] }));
    expect(text).toContain('3. Empty');
    expect(text).toContain('(No text yet.)');
  });
});

describe('draftToPdf', { timeout: 30_000 }, () => {
  it('is a paged PDF with every clause title, brackets and ALT markers as text, and Unicode characters intact', async () => {
    const input = demoExportDraft(false);
    const buffer = await draftToPdf(input);
    expect(buffer.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(buffer);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.join(' ');
    expect(all).toContain(input.title);
    for (const clause of input.clauses) expect(all).toContain(`${clause.number}. ${clause.title}`);
    expect(all).toContain('[and is verified by the monitoring mechanism for [30] [60] consecutive days]');
    expect(all).toContain('[from bases in Poland and Romania] [from bases in Ukraine and neighbouring states]');
    expect(all).toContain('ALT 1: it is led by the United States. ALT 2: it is led by an organisation');
    expect(all).toContain('[30,000–40,000] personnel');
    expect(all).toContain('“monitoring mechanism” (Моніторинговий механізм)');
    expect(all).toContain('(Negotiating)');
    for (const [i, page] of pages.entries()) {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain('DRAFT — FOR NEGOTIATION');
      expect(page).toContain(input.subtitle);
    }
  });

  it('keeps every paragraph: its words appear in order across page breaks', async () => {
    const input = demoExportDraft(false);
    const all = oneLine((await pdfPages(await draftToPdf(input))).join(' '));
    for (const clause of input.clauses) for (const paragraph of clause.paragraphs) expect(all).toContain(oneLine(paragraph));
  });

  it('adds the positions annex over several pages, the table header repeated on each', async () => {
    const input = demoExportDraft(true);
    const withAnnex = await pdfPages(await draftToPdf(input));
    const without = await pdfPages(await draftToPdf(demoExportDraft(false)));
    expect(withAnnex.length).toBeGreaterThan(without.length + 5);
    const annexPages = withAnnex.slice(without.length);
    expect(annexPages[0]).toContain('Annex: positions of delegations');
    for (const page of annexPages) expect(page).toContain('Delegation Position Note');
    const all = withAnnex.join(' ');
    for (const clause of input.annex!) expect(all).toContain(`Clause ${clause.number}. ${clause.title}`);
    expect(all).toContain('S Support † given on earlier text');
    expect(all).toContain('Blocked by DE (substantive reservation)');
    expect(all).toContain('TR — Türkiye');
  });
});
