// Import/export layer tests: the XLSX export against the Analysis Function's "Releasing statistics in spreadsheets"
// checklist, read back with exceljs and as raw XML — the protective marking as text at the top of every sheet, every
// cell's font naming its typeface (Arial, 12 pt body, titles bold, larger and not coloured, no colour without another
// sign), headings and row labels wrapped, headings right-aligned over numbers, no frozen panes, the cover's next
// update, status and release, and cover text that fits an A4 page.
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PackDocument } from '../pack/document.ts';
import { sampleDocument } from '../pack/sample-document.ts';
import { packToXlsx } from './xlsx.ts';
import { type Readback, readBack, refRows } from './xlsx-readback.ts';

const read = async (doc: PackDocument): Promise<Readback> => readBack(await packToXlsx(doc));
const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** styles.xml's fonts and cell formats, as raw tags. */
function styles(files: Record<string, string>): { fonts: string[]; xfs: string[] } {
  const xml = files['xl/styles.xml'] ?? '';
  const fonts = (/<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(xml)?.[1] ?? '').match(/<font\b[^>]*?(?:\/>|>[\s\S]*?<\/font>)/g) ?? [];
  const xfs = (/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '').match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
  return { fonts, xfs };
}

function columnA(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) out.push(ws.getCell(r, 1).text);
  return out;
}

describe('packToXlsx: the Analysis Function checklist', () => {
  it('writes the marking and caveat as text in A2 of every sheet, under the title; none when unmarked', async () => {
    const { wb } = await read(sampleDocument(2));
    expect(wb.worksheets).toHaveLength(6);
    for (const ws of wb.worksheets) {
      expect(ws.getCell('A2').value, ws.name).toBe('OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION');
      expect(ws.getCell('A2').font, ws.name).toMatchObject({ name: 'Arial', size: 12, bold: true });
    }
    // A caveat the analyst wrote is printed even without a marking; with neither, nothing is.
    const caveatOnly = sampleDocument();
    caveatOnly.meta.marking = null;
    for (const ws of (await read(caveatOnly)).wb.worksheets) expect(ws.getCell('A2').value, ws.name).toBe('NOT FOR ONWARD DISTRIBUTION');
    const unmarked = sampleDocument();
    Object.assign(unmarked.meta, { marking: null, caveat: '' });
    for (const ws of (await read(unmarked)).wb.worksheets) expect(columnA(ws).join('\n'), ws.name).not.toMatch(/OFFICIAL|ONWARD/);
  });

  it('names Arial in every cell font, the default font included, with 12 pt body text and titles not coloured', async () => {
    const { wb, files, sheetPath } = await read(sampleDocument(2));
    const { fonts, xfs } = styles(files);
    expect(fonts[0]).toContain('<name val="Arial"/>');
    expect(fonts[0]).toContain('<sz val="12"/>');
    for (const f of fonts) {
      expect(f).toContain('<name val="Arial"/>');
      expect(Number(/<sz val="([\d.]+)"\/>/.exec(f)?.[1])).toBeGreaterThanOrEqual(12);
      // Colour only with another sign: the only coloured font is the underlined link font.
      if (/<color rgb=/.test(f)) expect(f).toContain('<u/>');
    }
    let cells = 0;
    for (const [name, path] of sheetPath) {
      for (const c of files[path]?.match(/<c\b[^>]*>/g) ?? []) {
        const xf = xfs[Number(attr(c, 's') ?? 0)] ?? '';
        expect(fonts[Number(attr(xf, 'fontId') ?? 0)], `${name} ${attr(c, 'r')}`).toContain('<name val="Arial"/>');
        // No background fills (the first two fills are the required none and gray125).
        expect(Number(attr(xf, 'fillId') ?? 0), `${name} ${attr(c, 'r')}`).toBeLessThan(2);
        cells++;
      }
      const title = wb.getWorksheet(name)?.getCell('A1').font;
      expect(title, name).toMatchObject({ name: 'Arial', bold: true, size: 16 });
      expect(title?.color, name).toBeUndefined();
    }
    expect(cells).toBeGreaterThan(100);
  });

  it('wraps every heading and row label, right-aligns headings over numbers and bolds the first level of row labels', async () => {
    const back = await read(sampleDocument());
    for (const sheet of ['Contents', 'Notes', 'Table_1', 'Provenance']) {
      const ws = back.wb.getWorksheet(sheet) as ExcelJS.Worksheet;
      const [t] = back.tables(sheet);
      const { first, last, width } = refRows(t?.ref ?? '');
      for (let c = 1; c <= width; c++) expect(ws.getCell(first, c).alignment?.wrapText, `${sheet} heading ${c}`).toBe(true);
      for (let r = first + 1; r <= last; r++) expect(ws.getCell(r, 1).alignment?.wrapText, `${sheet} A${r}`).toBe(true);
    }
    const ws = back.wb.getWorksheet('Table_1') as ExcelJS.Worksheet;
    const { first, last } = refRows(back.tables('Table_1')[0]?.ref ?? '');
    expect(ws.getCell(first, 1).alignment?.horizontal).toBeUndefined();
    for (let c = 2; c <= 5; c++) expect(ws.getCell(first, c).alignment?.horizontal, `heading ${c}`).toBe('right');
    for (let r = first + 1; r <= last; r++) expect(ws.getCell(r, 1).font?.bold, `A${r}`).toBe(true);
  });

  it('freezes no panes (the guidance asks to avoid them) and leaves the cursor in A1', async () => {
    const { wb, files, sheetPath } = await read(sampleDocument(2));
    for (const [name, path] of sheetPath) {
      expect(files[path], name).not.toMatch(/<pane\b/);
      expect(files[path], name).not.toMatch(/state="frozen"/);
      for (const sel of files[path]?.match(/<selection\b[^>]*>/g) ?? []) expect(attr(sel, 'activeCell') ?? 'A1', name).toBe('A1');
    }
    for (const ws of wb.worksheets) expect((ws.views ?? []).filter((v) => v.state === 'frozen'), ws.name).toEqual([]);
  });

  it('gives the cover a next update, a status and a release link, "Not yet decided" when the pack has none', async () => {
    const after = (lines: string[], heading: string): string | undefined => lines[lines.indexOf(heading) + 1];
    const plain = columnA((await read(sampleDocument())).wb.getWorksheet('Cover') as ExcelJS.Worksheet);
    expect(after(plain, 'Next update')).toBe('Not yet decided.');
    expect(after(plain, 'Status')).toBe('Not yet decided.');
    expect(after(plain, 'Release')).toBe('No web page for this release.');

    const doc = sampleDocument();
    doc.meta = { ...doc.meta, nextUpdate: '2027-05-27', status: 'provisional', releaseUrl: 'https://www.gov.uk/government/statistics/nrm-q4-2026' };
    const back = await read(doc);
    const ws = back.wb.getWorksheet('Cover') as ExcelJS.Worksheet;
    const lines = columnA(ws);
    expect(after(lines, 'Next update')).toBe('27 May 2027.');
    expect(after(lines, 'Status')).toBe('Provisional: these figures may be revised.');
    const row = lines.indexOf('Release') + 2;
    expect(ws.getCell(row, 1).value).toEqual({ text: 'Go to the release web page', hyperlink: 'https://www.gov.uk/government/statistics/nrm-q4-2026' });
    expect(ws.getCell(row, 1).font).toMatchObject({ underline: true, name: 'Arial' });
    expect(ws.getCell(row + 1, 1).value).toBe('Web address: https://www.gov.uk/government/statistics/nrm-q4-2026');
  });

  it('fits the cover text on an A4 page: one wrapped column narrower than A4 between the margins, fit to width', async () => {
    const { wb } = await read(sampleDocument(3));
    const ws = wb.getWorksheet('Cover') as ExcelJS.Worksheet;
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    // A column's printed width: its width in digits of the default font (12 pt Arial: 9 px at 96 dpi) plus 5 px.
    const margins = ws.pageSetup.margins ?? { left: 0.7, right: 0.7 };
    const printable = (8.27 - margins.left - margins.right) * 96;
    expect((ws.getColumn(1).width ?? 0) * 9 + 5).toBeLessThanOrEqual(printable);
    expect(ws.getColumn(2).width ?? 0).toBeLessThanOrEqual(13); // nothing beside it
    let longest = 0;
    ws.eachRow((row, r) => {
      const cell = row.getCell(1);
      expect(cell.alignment?.wrapText, `A${r}`).toBe(true);
      const text = cell.text;
      longest = Math.max(longest, text.length);
      // Each row is tall enough for its text at no more than the column's width in characters a line.
      const lines = Math.ceil(text.length / (ws.getColumn(1).width ?? 1));
      if (lines > 1) expect(row.height, `A${r}`).toBeGreaterThanOrEqual(lines * (cell.font?.size ?? 12));
    });
    expect(longest).toBeGreaterThan(ws.getColumn(1).width ?? 0);
  });
});
