// Import/export layer tests: the DOCX writer's output read back as the zip of XML parts Word opens — real tables
// with repeating header rows, the figures as the app formats them, headings, the marking in every header and
// footer, page fields, images with alt text, core properties, provenance and orientation.
import { strFromU8, unzipSync, zlibSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackDocument } from '../pack/document.ts';
import { sampleDocument } from '../pack/sample-document.ts';
import { cellText, formatNumber, packToDocx } from './docx.ts';

/** A valid w×h PNG (8-bit RGB, one colour) built by hand: zlib from fflate, CRC-32 here. */
function tinyPng(w = 2, h = 2, rgb: [number, number, number] = [0, 114, 178]): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Uint8Array): number => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const u32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const chunk = (type: string, data: Uint8Array): number[] => {
    const typed = new Uint8Array([...type].map((c) => c.charCodeAt(0)).concat([...data]));
    return [...u32(data.length), ...typed, ...u32(crc(typed))];
  };
  const raw = new Uint8Array(h * (1 + 3 * w));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(rgb, y * (1 + 3 * w) + 1 + 3 * x);
  const ihdr = new Uint8Array([...u32(w), ...u32(h), 8, 2, 0, 0, 0]);
  return new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, ...chunk('IHDR', ihdr), ...chunk('IDAT', zlibSync(raw)), ...chunk('IEND', new Uint8Array())]);
}

type Parts = Record<string, string>;

async function write(doc: PackDocument, images?: Map<number, Uint8Array>): Promise<{ files: Record<string, Uint8Array>; xml: Parts }> {
  const bytes = await packToDocx(doc, images);
  expect(bytes).toBeInstanceOf(Uint8Array);
  const files = unzipSync(bytes);
  const xml: Parts = {};
  for (const [name, data] of Object.entries(files)) if (/\.(xml|rels)$/.test(name)) xml[name] = strFromU8(data);
  return { files, xml };
}

const rowsOf = (tableXml: string): string[] => tableXml.match(/<w:tr[ >][\s\S]*?<\/w:tr>/g) ?? [];
/** The visible text of a fragment: its <w:t> runs joined. */
const textOf = (fragment: string): string => [...fragment.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
const cellsOf = (rowXml: string): string[] => (rowXml.match(/<w:tc>[\s\S]*?<\/w:tc>/g) ?? []).map(textOf);

describe('formatting numbers as the app does', () => {
  it('uses the column number format', () => {
    expect(formatNumber(1178, '#,##0')).toBe('1,178');
    expect(formatNumber(12.345, '#,##0.0')).toBe('12.3');
    expect(formatNumber(12, '#,##0.0')).toBe('12.0');
    expect(formatNumber(0.125, '0.0%')).toBe('12.5%');
    expect(formatNumber(1234.5678, 'General')).toBe('1,234.5678');
  });
  it('prints shorthand for a withheld cell, and beside a figure that is still shown', () => {
    const col = { header: 'n', kind: 'number', numberFormat: '#,##0', unit: '' } as const;
    expect(cellText({ value: null, status: { code: 'c', kind: 'primary' } }, col)).toBe('[c]');
    expect(cellText({ value: 12, status: { code: 'p' } }, col)).toBe('12 [p]');
    expect(cellText({ value: 0, status: null }, col)).toBe('0');
    expect(cellText({ value: null, status: null }, col)).toBe('');
  });
});

describe('packToDocx: the sample pack', () => {
  const png = tinyPng();
  let files: Record<string, Uint8Array>;
  let xml: Parts;
  let body: string;
  beforeAll(async () => {
    ({ files, xml } = await write(sampleDocument(), new Map([[1, png]])));
    body = xml['word/document.xml'] ?? '';
  });

  it('writes the table as a real Word table with repeating header rows that never split', () => {
    const tables = body.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
    expect(tables).toHaveLength(1);
    const rows = rowsOf(tables[0] ?? '');
    expect(rows).toHaveLength(2 + 4);
    rows.forEach((r, i) => {
      expect(r).toContain('<w:cantSplit/>');
      expect(r.includes('<w:tblHeader/>')).toBe(i < 2);
    });
    // "Age at exploitation" spans its four columns; "Year" is merged down over the second header row.
    expect(cellsOf(rows[0] ?? '')).toEqual(['Year', 'Age at exploitation']);
    expect(rows[0]).toMatch(/<w:gridSpan w:val="4"\/>[\s\S]*Age at exploitation/);
    expect(rows[0]).toContain('<w:vMerge w:val="restart"/>');
    expect(rows[1]).toContain('<w:vMerge w:val="continue"/>');
    expect(cellsOf(rows[1] ?? '')).toEqual(['', 'Adult (18 or over)', 'Child (17 or under)', 'Not specified or unknown', 'Total']);
  });

  it('prints every figure of the table, formatted, with shorthand and a bold total row', () => {
    const rows = rowsOf(body.match(/<w:tbl>[\s\S]*?<\/w:tbl>/)?.[0] ?? '').slice(2);
    expect(rows.map(cellsOf)).toEqual([
      ['2011', '642', '294', '[c]', '936'],
      ['2012', '800', '378', '[c]', '1,178'],
      ['2013', '1,122', '450', '0', '1,572'],
      ['Total', '2,564', '1,122', '0', '3,686'],
    ]);
    const total = rows[3] ?? '';
    expect((total.match(/<w:b\/>/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(rows[0]).not.toContain('<w:b/>');
    // Numbers right-aligned, labels not.
    expect((rows[1] ?? '').match(/<w:jc w:val="(right|end)"\/>/g)).toHaveLength(4);
  });

  it('captions tables and figures in the Caption style, with source, unit and notes', () => {
    expect(body).toMatch(/<w:pStyle w:val="Caption"\/>[\s\S]*?Table 1: NRM referrals by year and age at exploitation, 2011 to 2013/);
    expect(body).toMatch(/<w:pStyle w:val="Caption"\/>[\s\S]*?Figure 1: NRM referrals by year, 2011 and 2012/);
    expect(body).toContain('Unit: number of referrals');
    expect(body).toContain('Source: Home Office, National Referral Mechanism statistics (Q4 2023 release)');
    expect(body).toContain('[note 1] Year of referral to the NRM');
    // The caption precedes the table.
    expect(body.indexOf('Table 1: NRM')).toBeLessThan(body.indexOf('<w:tbl>'));
  });

  it('uses Word heading styles, a contents field and real lists', () => {
    for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3']) expect(body).toContain(`<w:pStyle w:val="${style}"/>`);
    expect(body).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]*?<w:t[^>]*>Summary<\/w:t>/);
    expect(body).toMatch(/<w:instrText[^>]*>\s*TOC /);
    expect(body).toContain('w:anchor="Table_1"');
    expect(body).toMatch(/<w:bookmarkStart w:name="Table_1"/);
    expect(body).toMatch(/<w:bookmarkStart w:name="Figure_1"/);
    expect(body).toContain('<w:numPr>');
    expect(xml['word/numbering.xml']).toContain('w:val="bullet"');
    expect(body).toMatch(/<w:b\/>[\s\S]*?<w:t[^>]*>rose<\/w:t>/);
    expect(body).toMatch(/<w:i\/>[\s\S]*?<w:t[^>]*>Children: <\/w:t>/);
  });

  it('puts the marking and caveat, in capitals, in every header and footer of the section', () => {
    const sectPr = body.match(/<w:sectPr[\s\S]*?<\/w:sectPr>/)?.[0] ?? '';
    const ids = [...sectPr.matchAll(/<w:(header|footer)Reference [^>]*r:id="([^"]+)"/g)].map((m) => ({ kind: m[1], id: m[2] }));
    expect(ids.map((i) => i.kind).sort()).toEqual(['footer', 'header']);
    const rels = xml['word/_rels/document.xml.rels'] ?? '';
    for (const { id } of ids) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels);
      const part = xml[`word/${target?.[1] ?? target?.[2]}`] ?? '';
      expect(textOf(part)).toContain('OFFICIAL-SENSITIVE');
      expect(textOf(part)).toContain('NOT FOR ONWARD DISTRIBUTION');
      expect(part).toMatch(/<w:jc w:val="center"\/>/);
    }
    const parts = Object.keys(xml).filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const name of parts) expect(textOf(xml[name] ?? '')).toContain('OFFICIAL-SENSITIVE');
  });

  it('numbers the pages "Page X of Y" with PAGE and NUMPAGES fields in the footer', () => {
    const footers = Object.keys(xml).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => xml[n] ?? '');
    const footer = footers.join('');
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(textOf(footer)).toMatch(/Page .* of /);
  });

  it('embeds the figure as SVG with the given PNG as fallback, and alt text', () => {
    const media = Object.keys(files).filter((n) => n.startsWith('word/media/'));
    const svg = media.find((n) => n.endsWith('.svg'));
    const fallback = media.find((n) => n.endsWith('.png'));
    expect(svg && strFromU8(files[svg] ?? new Uint8Array())).toContain('<svg');
    expect(fallback && files[fallback]).toEqual(png);
    expect(body).toContain('asvg:svgBlip');
    const docPr = body.match(/<wp:docPr [^>]*>/)?.[0] ?? '';
    expect(docPr).toContain('descr="Bar chart: 936 referrals in 2011 and 1,178 in 2012. The figures are in Table 1."');
    expect(docPr).toContain('title="Figure 1: NRM referrals by year, 2011 and 2012"');
    expect(xml['[Content_Types].xml']).toMatch(/Extension="svg"/);
  });

  it('sets the core properties', () => {
    const core = xml['docProps/core.xml'] ?? '';
    expect(core).toContain('<dc:title>Human trafficking: NRM referrals</dc:title>');
    expect(core).toContain('<dc:creator>A. Analyst</dc:creator>');
    expect(core).toContain('<dc:subject>Briefing for the Inter-Departmental Ministerial Group</dc:subject>');
    expect(core).toMatch(/<cp:keywords>[^<]*nrm_referrals_quarterly/);
    expect(core).toMatch(/<dc:description>[^<]*OFFICIAL-SENSITIVE/);
  });

  it('writes the notes, symbols, licence and a provenance appendix with the SQL in a monospace style', () => {
    const text = textOf(body);
    expect(text).toContain('Notes');
    expect(text).toContain('Confidential: withheld to protect the people the figures are about.');
    expect(text).toContain('Open Government Licence v3.0');
    expect(text).toContain('Appendix: provenance');
    expect(body).toMatch(
      /<w:pStyle w:val="SourceCode"\/>[\s\S]*?SELECT year, age_at_exploitation, sum\(referrals\) FROM nrm_referrals_quarterly GROUP BY ALL/,
    );
    expect(xml['word/styles.xml']).toMatch(/w:styleId="SourceCode"[\s\S]*?Consolas/);
    expect(text).toContain('b5b6f1c1c3f4de9b8f3f0f4a8a7d8b1e2c3d4e5f60718293a4b5c6d7e8f90123');
    expect(text).toContain('Current series as published 7 March 2024 (Q4 2023 release)');
    expect(text).toContain('2 cells suppressed: 1 primary, 1 secondary; audit passed');
    expect(text).toContain('The grand total, 2,840, equals the expected total (2,840).');
    expect(text).toContain('version 0.1.0');
    expect(text).toContain('2026-11-28T10:00:00.000Z');
    for (const item of ['Key figures', 'Table 1', 'Figure 1']) expect(body).toMatch(new RegExp(`<w:pStyle w:val="Heading2"/>[\\s\\S]*?<w:t[^>]*>${item}</w:t>`));
    expect(text).not.toContain('Disclosure control was turned off');
  });

  it('sets A4 portrait with a page break where the pack has one', () => {
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838"( w:orient="portrait")?\/>/);
    // The figure follows the pack's page break: its caption starts a page.
    expect(body).toMatch(/<w:pStyle w:val="Caption"\/><w:pageBreakBefore\/><\/w:pPr><w:bookmarkStart w:name="Figure_1"/);
  });
});

describe('packToDocx: other packs', () => {
  it('sets landscape orientation, with the width and height swapped', async () => {
    const doc = sampleDocument();
    doc.meta.orientation = 'landscape';
    const { xml } = await write(doc);
    expect(xml['word/document.xml']).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  it('embeds a placeholder PNG fallback when no PNG is given', async () => {
    const { files } = await write(sampleDocument());
    const png = Object.entries(files).find(([n]) => n.startsWith('word/media/') && n.endsWith('.png'))?.[1];
    expect([...(png ?? []).slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });

  it('records disclosure control turned off, with the reason, on the cover and in the notes', async () => {
    const doc = sampleDocument();
    doc.disclosure = { on: false, offReason: 'Figures already published in the annual release' };
    const { xml } = await write(doc);
    const found = textOf(xml['word/document.xml'] ?? '').match(/Disclosure control was turned off for this export\. Reason given: Figures already published in the annual release\./g);
    expect(found).toHaveLength(2);
  });

  it('writes numbered lists as real Word lists that each start at 1, and escapes text', async () => {
    const doc = sampleDocument();
    const steps = [[{ text: 'First' }], [{ text: 'Second' }]];
    doc.items.push({ kind: 'commentary', blocks: [{ type: 'list', ordered: true, items: steps }, { type: 'paragraph', runs: [{ text: 'Between' }] }, { type: 'list', ordered: true, items: steps }] });
    doc.meta.title = 'Referrals <2011> & "after"';
    const { xml } = await write(doc);
    const body = xml['word/document.xml'] ?? '';
    const paragraphs = body.match(/<w:p>[\s\S]*?<\/w:p>/g) ?? [];
    const numIds = paragraphs.filter((p) => /^(First|Second)$/.test(textOf(p))).map((p) => /<w:numId w:val="(\d+)"\/>/.exec(p)?.[1]);
    expect(numIds).toHaveLength(4);
    expect(numIds[0]).toBe(numIds[1]);
    expect(numIds[2]).toBe(numIds[3]);
    expect(numIds[0]).not.toBe(numIds[2]);
    expect(xml['word/numbering.xml']).toContain('w:val="decimal"');
    expect(body).toContain('Referrals &lt;2011&gt; &amp; &quot;after&quot;');
    expect(xml['docProps/core.xml']).toContain('<dc:title>Referrals &lt;2011&gt; &amp; &quot;after&quot;</dc:title>');
  });

  it('prints no marking lines for an unmarked pack but still numbers its pages', async () => {
    const doc = sampleDocument(2);
    doc.meta.marking = null;
    doc.meta.caveat = '';
    const { xml } = await write(doc);
    const hf = Object.keys(xml).filter((n) => /^word\/(header|footer)\d*\.xml$/.test(n)).map((n) => textOf(xml[n] ?? '')).join(' ');
    expect(hf).not.toContain('OFFICIAL');
    expect(hf).toMatch(/Page/);
    expect(xml['word/document.xml']?.match(/<w:tbl>/g)).toHaveLength(2);
    expect(textOf(xml['word/document.xml'] ?? '')).toContain('Table 2: NRM referrals');
  });
});
