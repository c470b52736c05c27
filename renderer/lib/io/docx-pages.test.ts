// Import/export layer tests: the DOCX's own pages. Read back as XML — wide tables with column widths from their
// content (no figure or word narrower than its column), split into column groups under "Table n (continued)" with
// the row labels repeated or put in a landscape section; the contents field and the lists of tables carrying page
// numbers as cached field results — then converted to PDF by LibreOffice (when installed), which never updates
// fields, to check that each number in the contents is the page where that table or heading starts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocTable } from '../pack/document.ts';
import { longestWord, textWidth } from '../pack/text-metrics.ts';
import { widePack } from '../pack/wide-sample.ts';
import { cellText, packToDocx } from './docx.ts';
import { CELL_MARGIN, textArea } from './docx-styles.ts';

const textOf = (fragment: string): string => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const doc = widePack();
const tables = doc.items.filter((i): i is DocTable => i.kind === 'table');

function soffice(): string | null {
  try {
    return execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

describe('packToDocx: wide tables and page numbers', () => {
  let bytes: Uint8Array;
  let body: string;
  beforeAll(async () => {
    bytes = await packToDocx(doc);
    body = strFromU8(unzipSync(bytes)['word/document.xml']!);
  });

  /** Each Word table with the caption just before it. */
  const parts = () =>
    [...body.matchAll(/<w:pStyle w:val="Caption"\/>(?:<w:pageBreakBefore\/>)?<\/w:pPr>([\s\S]*?)<\/w:p>(?:<w:p>[\s\S]*?<\/w:p>)?(<w:tbl>[\s\S]*?<\/w:tbl>)/g)].map((m) => ({ caption: textOf(m[1]!), table: m[2]! }));

  it('sizes every column from its content: no figure, [c] or heading word is wider than its column', () => {
    for (const { caption, table } of parts()) {
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      for (const row of table.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? []) {
        let c = 0;
        for (const tc of row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []) {
          // A merged heading is as wide as the columns it spans.
          const span = Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(tc)?.[1] ?? 1);
          const room = grid.slice(c, c + span).reduce((a, b) => a + b, 0) - CELL_MARGIN.left - CELL_MARGIN.right;
          const text = textOf(tc);
          const bold = /<w:tblHeader\/>/.test(row);
          // Figures are one unbreakable piece (a figure with its shorthand is joined by a no-break space).
          const widest = /^[\d,.[\]\u00a0a-z]+$/.test(text) && /\d|\[/.test(text) ? textWidth(text, 11, true) : longestWord(text, 11, bold);
          expect(widest * 20, `${caption}: "${text}" in ${span} column(s) of ${room} twips`).toBeLessThanOrEqual(room);
          c += span;
        }
        expect(c, `${caption}: every row covers the grid`).toBe(grid.length);
      }
    }
  });

  it('splits the table too wide even for landscape into column groups with the row labels, under "(continued)"', () => {
    const split = parts().filter((p) => /^Table 2( \(continued\))?:/.test(p.caption));
    expect(split.length).toBeGreaterThan(1);
    expect(split[0]!.caption).toBe(`Table 2: ${tables[1]!.caption}`);
    for (const p of split.slice(1)) expect(p.caption).toBe(`Table 2 (continued): ${tables[1]!.caption}`);
    const width = textArea('portrait').width;
    for (const p of split) {
      const grid = [...p.table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(width);
      expect(textOf(p.table)).toContain('First responder type');
      expect(textOf(p.table)).toContain('Gangmasters and Labour Abuse Authority');
    }
    // Every figure printed, once per row, across the groups.
    const printed = split.map((p) => textOf(p.table)).join('|');
    for (const row of tables[1]!.rows) for (const [c, cell] of row.cells.entries()) if (c > 0 && typeof cell.value === 'number') expect(printed).toContain(cellText(cell, tables[1]!.columns[c]!));
  });

  it('puts the table that fits landscape in a landscape section, the pack going on in portrait after it', () => {
    const at = body.indexOf('w:name="Table_3"');
    const sections = [...body.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => ({ at: m.index, orient: /w:orient="(\w+)"/.exec(m[0])?.[1] }));
    const own = sections.find((s) => s.at > at)!;
    expect(own.orient).toBe('landscape');
    expect(sections.filter((s) => s.at < at).at(-1)?.orient).toBe('portrait');
    expect(sections.at(-1)?.orient).toBe('portrait');
  });

  it('writes page numbers into the contents field and the list of tables, keeping the fields for Word', () => {
    const toc = /<w:sdtContent>([\s\S]*?)<\/w:sdtContent>/.exec(body)?.[1] ?? '';
    expect(toc).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    const entries = [...toc.matchAll(/<w:hyperlink[^>]*w:anchor="([^"]+)"[^>]*>([\s\S]*?)<\/w:hyperlink>/g)].map((m) => ({ anchor: m[1], text: textOf(m[2]!) }));
    expect(entries.length).toBeGreaterThan(4);
    for (const e of entries) expect(e.text, `contents entry ${e.text}`).toMatch(/\D\d+$/);
    // Each entry's bookmark is on a heading of the body.
    for (const e of entries) expect(body).toContain(`<w:bookmarkStart w:name="${e.anchor}"`);
    const refs = [...body.matchAll(/PAGEREF (Table_\d+) \\h<\/w:instrText><w:fldChar w:fldCharType="separate"\/><w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => [m[1], Number(m[2])]);
    expect(refs.map((r) => r[0])).toEqual(tables.map((t) => `Table_${t.number}`));
    for (const [, page] of refs) expect(page).toBeGreaterThan(2);
  });

  const office = soffice();
  it.skipIf(office === null)('shows in LibreOffice (which never updates fields) the page each table and heading starts on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'h-wide-soffice-'));
    try {
      writeFileSync(join(dir, 'pack.docx'), bytes);
      execFileSync(office ?? 'soffice', ['-env:UserInstallation=file://' + join(dir, 'profile'), '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'pack.docx')], { timeout: 150_000, stdio: 'ignore' });
      const pdf = await getDocument({ data: new Uint8Array(readFileSync(join(dir, 'pack.pdf'))), verbosity: 0 }).promise;
      const pages: string[] = [];
      for (let n = 1; n <= pdf.numPages; n++) pages.push((await (await pdf.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' '));
      await pdf.destroy();
      const contents = pages[1]!;
      // "Page X of Y" in every footer, with our page count.
      pages.forEach((p, i) => expect(p, `footer of page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`));
      const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      for (const table of tables) {
        const caption = `Table ${table.number}: ${table.caption}`;
        const listed = new RegExp(`${escape(caption)}[ .…]*(\\d+)`).exec(contents);
        expect(listed, `list of tables: ${caption}`).not.toBeNull();
        const starts = pages.findIndex((p, i) => i > 1 && p.includes(caption));
        expect(Number(listed![1]), `${caption} listed on the page it starts on`).toBe(starts + 1);
      }
      for (const heading of ['Notes', 'Appendix: provenance']) {
        const listed = new RegExp(`${escape(heading)}[ .…]*(\\d+)`).exec(contents);
        const starts = pages.findIndex((p, i) => i > 1 && p.includes(heading));
        expect(Number(listed?.[1]), `${heading} in the contents`).toBe(starts + 1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
