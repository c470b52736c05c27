// Import/export layer tests: the ODS export read back as raw XML (content.xml, styles.xml, meta.xml, the manifest)
// and by the app's own importer (SheetJS) — the same sheets and cells as the XLSX export's workbook, numbers as
// floats with number styles, shorthand as text, every cell style naming Arial, bold, wrap and right-aligned number
// headings, the marking as text on every sheet and in the page header and footer, and a package ODF accepts
// (mimetype first and stored).
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PackDocument } from '../pack/document.ts';
import { sampleDocument } from '../pack/sample-document.ts';
import { shorthand, status } from '../sdc/status.ts';
import { readWorkbook } from './import/spreadsheet.ts';
import { packToOds } from './ods.ts';
import { attr, readOds } from './ods-readback.ts';
import { odfHref, paragraphs } from './ods-xml.ts';
import { packWorkbook } from './xlsx.ts';
import { headerWithUnit } from './xlsx-table.ts';

const MARKING = 'OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION';

/** What the XLSX workbook holds in a cell, as text (links by their text). */
function expected(cell: ExcelJS.Cell): { number?: number; text: string } {
  const v = cell.value;
  if (typeof v === 'number') return { number: v, text: String(v) };
  if (v && typeof v === 'object' && 'hyperlink' in v) return { text: String(v.text) };
  return { text: v === null || v === undefined ? '' : String(v) };
}

describe('packToOds', () => {
  it('is an ODF package: mimetype first and stored, a manifest listing content, styles and meta', () => {
    const bytes = packToOds(sampleDocument());
    const name = new TextDecoder().decode(bytes.slice(30, 38));
    expect(name).toBe('mimetype');
    expect(bytes[8]).toBe(0); // compression method: stored
    expect(bytes[28]).toBe(0); // no extra field, so the media type starts at byte 38
    expect(new TextDecoder().decode(bytes.slice(38, 38 + 46))).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const back = readOds(bytes);
    expect(back.order[0]).toBe('mimetype');
    const manifest = back.files['META-INF/manifest.xml'] ?? '';
    for (const part of ['content.xml', 'styles.xml', 'meta.xml']) expect(manifest).toContain(`manifest:full-path="${part}"`);
    expect(manifest).toContain('manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"');
  });

  it('holds the same sheets and cells as the XLSX workbook: numbers as floats, text and shorthand as strings', () => {
    const doc = sampleDocument(2);
    const wb = packWorkbook(doc);
    const back = readOds(packToOds(doc));
    expect(back.sheets.map((s) => s.name)).toEqual(wb.worksheets.map((w) => w.name));
    let numbers = 0;
    for (const ws of wb.worksheets) {
      const sheet = back.sheets.find((s) => s.name === ws.name);
      expect(sheet?.rows.length, ws.name).toBe(ws.rowCount);
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        for (let c = 1; c <= row.cellCount; c++) {
          const want = expected(row.getCell(c));
          const got = sheet?.rows[r - 1]?.[c - 1];
          const where = `${ws.name} row ${r} column ${c}`;
          if (want.number !== undefined) {
            numbers++;
            expect(got?.type, where).toBe('float');
            expect(Number(got?.value), where).toBe(want.number);
          } else {
            expect(got?.type, where).toBe(want.text === '' ? undefined : 'string');
            expect(got?.text, where).toBe(want.text);
          }
        }
      });
    }
    expect(numbers).toBeGreaterThan(20);
    const table = back.sheets.find((s) => s.name === 'Table_1');
    const first = (table?.headerRows[0] ?? 0) + 1;
    expect(table?.rows[first - 1]?.map((c) => c.text)).toEqual(['2011', '642', '294', '[c]', '936']);
    expect(table?.rows[first - 1]?.[3]?.type).toBe('string');
  });

  it('gives figures the number style of their format and keeps the symbol of a [p] figure beside it', () => {
    // A deep copy: the sample's table rows are shared between calls.
    const doc = structuredClone(sampleDocument());
    const t = doc.items.find((i) => i.kind === 'table');
    if (t?.kind !== 'table') throw new Error('sample has a table');
    t.rows[0]!.cells[1] = { value: 12345.5, status: status('p') };
    t.columns[2] = { ...t.columns[2]!, numberFormat: '#,##0.0##' };
    const back = readOds(packToOds(doc));
    const table = back.sheets.find((s) => s.name === 'Table_1');
    const row = table?.rows[(table?.headerRows[0] ?? 0)];
    const dataStyle = (cell: { style?: string } | undefined): string => {
      const name = attr(back.styles.get(cell?.style ?? '') ?? '', 'style:data-style-name') ?? '';
      return new RegExp(`<number:number-style style:name="${name}">[\\s\\S]*?</number:number-style>`).exec(back.files['content.xml'] ?? '')?.[0] ?? '';
    };
    expect(row?.[1]).toMatchObject({ type: 'float', value: '12345.5', text: `12,346 ${shorthand(status('p'))}` });
    expect(dataStyle(row?.[1])).toContain('number:grouping="true"');
    expect(dataStyle(row?.[1])).toContain('<number:text> [p]</number:text>');
    expect(dataStyle(row?.[2])).toContain('number:decimal-places="3" number:min-decimal-places="1"');
    expect(dataStyle(row?.[4])).toContain('number:decimal-places="0"');
  });

  it('names Arial in the default style and every cell style; bold, wrapped, right-aligned headings over numbers', () => {
    const back = readOds(packToOds(sampleDocument()));
    expect(back.files['styles.xml']).toMatch(/<style:default-style style:family="table-cell">[\s\S]*?style:font-name="Arial" fo:font-size="12pt"/);
    for (const [name, xml] of back.styles) if (/style:family="table-cell"/.test(xml)) expect(xml, name).toContain('style:font-name="Arial"');
    const table = back.sheets.find((s) => s.name === 'Table_1');
    expect(table?.headerRows).toHaveLength(1);
    const header = table?.rows[(table?.headerRows[0] ?? 1) - 1] ?? [];
    expect(header.map((c) => c.text)).toEqual(sampleDocument().items.flatMap((i) => (i.kind === 'table' ? i.columns.map(headerWithUnit) : [])));
    header.forEach((cell, i) => {
      const style = back.styles.get(cell.style ?? '') ?? '';
      expect(style, `heading ${i}`).toContain('fo:font-weight="bold"');
      expect(style, `heading ${i}`).toContain('fo:wrap-option="wrap"');
      if (i === 0) expect(style).not.toContain('fo:text-align="end"');
      else expect(style, `heading ${i}`).toMatch(/style:text-align-source="fix"[\s\S]*fo:text-align="end"/);
    });
    // Titles use the named Heading 1 style, 16 pt bold, not coloured.
    for (const s of back.sheets) {
      const title = back.styles.get(s.rows[0]?.[0]?.style ?? '') ?? '';
      expect(title, s.name).toContain('style:parent-style-name="Heading_20_1"');
      expect(title, s.name).toContain('fo:font-size="16pt" fo:font-weight="bold"');
      expect(title, s.name).not.toContain('fo:color');
    }
    expect(back.files['styles.xml']).toContain('style:name="Heading_20_1" style:display-name="Heading 1"');
    // Each title's row is tall enough for its 16 pt line.
    const content = back.files['content.xml'] ?? '';
    for (const s of back.sheets) {
      const row = new RegExp(`<table:table table:name="${s.name}"[^>]*>(?:<table:table-column[^>]*/>)*<table:table-row table:style-name="(ro\\d+)"`).exec(content)?.[1];
      const height = new RegExp(`style:name="${row}" style:family="table-row"><style:table-row-properties style:row-height="([\\d.]+)pt"`).exec(content)?.[1];
      expect(Number(height), s.name).toBeGreaterThanOrEqual(16 * 1.3);
    }
  });

  it('writes the marking as text under each title and in the page header and footer, with page numbers', () => {
    const back = readOds(packToOds(sampleDocument(2)));
    for (const s of back.sheets) expect(s.rows[1]?.[0]?.text, s.name).toBe(MARKING);
    const styles = back.files['styles.xml'] ?? '';
    expect(/<style:header>([\s\S]*?)<\/style:header>/.exec(styles)?.[1]).toContain(MARKING);
    const footer = /<style:footer>([\s\S]*?)<\/style:footer>/.exec(styles)?.[1] ?? '';
    expect(footer).toContain(MARKING);
    expect(footer).toContain('Page <text:page-number>1</text:page-number> of <text:page-count>1</text:page-count>');
    expect(styles).toMatch(/fo:page-width="21.001cm" fo:page-height="29.7cm" style:print-orientation="portrait"/);
    const unmarked: PackDocument = sampleDocument();
    unmarked.meta.marking = null;
    const plain = readOds(packToOds(unmarked));
    expect(plain.files['styles.xml']).not.toContain('OFFICIAL');
    expect(plain.files['content.xml']).not.toContain('OFFICIAL');
  });

  it('links the contents to each sheet and carries the document properties', () => {
    const back = readOds(packToOds(sampleDocument()));
    const contents = back.sheets.find((s) => s.name === 'Contents');
    const links = (contents?.rows ?? []).flatMap((r) => (r[0]?.href ? [[r[0].text, r[0].href]] : []));
    expect(links).toEqual(['Notes', 'Table_1', 'Provenance'].map((n) => [n, `#${n}.A1`]));
    const meta = back.files['meta.xml'] ?? '';
    expect(meta).toContain('<dc:title>Human trafficking: NRM referrals</dc:title>');
    expect(meta).toContain('<dc:language>en-GB</dc:language>');
    expect(meta).toContain('<meta:initial-creator>A. Analyst</meta:initial-creator>');
    expect(meta).toContain('<meta:keyword>nrm_referrals_quarterly</meta:keyword>');
  });

  it('reads back through the app\'s own importer (SheetJS) with the same tables as the pack', () => {
    const doc = sampleDocument(2);
    const read = readWorkbook(packToOds(doc), 'pack.ods');
    expect(read.detected).toEqual([{ label: 'Format', value: 'OpenDocument spreadsheet (ODS)' }]);
    expect(read.sheets.map((s) => s.name)).toEqual(['Table_1', 'Table_2', 'Provenance']);
    doc.items.filter((i) => i.kind === 'table').forEach((table, i) => {
      const sheet = read.sheets[i];
      expect(sheet?.title).toBe(`Table ${table.number}: ${table.caption}`);
      expect(sheet?.header).toEqual(table.columns.map(headerWithUnit));
      expect(sheet?.rows).toEqual(table.rows.map((r) => r.cells.map((c) => shorthand(c.status) ?? c.value)));
    });
  });

  it('spells out white space ODF would collapse, escapes markup and writes in-document links as ODF does', () => {
    expect(paragraphs(' a  b\tc <&> "q"\n\u0001d')).toBe('<text:p><text:s/>a <text:s/>b<text:tab/>c &lt;&amp;&gt; &quot;q&quot;</text:p><text:p><text:s/>d</text:p>');
    expect(paragraphs('x', '#Notes.A1')).toBe('<text:p><text:a xlink:type="simple" xlink:href="#Notes.A1">x</text:a></text:p>');
    expect(odfHref("'Table_1'!A1")).toBe('#Table_1.A1');
    expect(odfHref("'It''s here'!A1")).toBe("#'It''s here'.A1");
    expect(odfHref('mailto:analysis@example.gov.uk')).toBe('mailto:analysis@example.gov.uk');
  });
});
