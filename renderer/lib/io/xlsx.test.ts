// Import/export layer tests: the pack written as XLSX and read back — with exceljs, and unzipped with fflate for the
// XML exceljs hides — against the Analysis Function's spreadsheet guidance: sheet order, titles in A1 as headings,
// a linked contents table (every sheet after the cover), notes, tables marked up with one header row, no merged cells,
// document properties, the protective marking in every header and footer, provenance and the disclosure-off warning.
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { PackDocument } from '../pack/document.ts';
import { sampleDocument } from '../pack/sample-document.ts';
import { packToXlsx } from './xlsx.ts';
import { type Readback, readBack, refRows } from './xlsx-readback.ts';

const read = async (doc: PackDocument): Promise<Readback> => readBack(await packToXlsx(doc));

/** Column A of a sheet, top to bottom, as text. */
function columnA(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) out.push(ws.getCell(r, 1).text);
  return out;
}

function disclosureOff(): PackDocument {
  const doc = sampleDocument(2);
  doc.disclosure = { on: false, offReason: 'Figures already published in the Q4 2023 release.' };
  doc.items = doc.items.map((i) =>
    i.kind === 'table'
      ? { ...i, provenance: { ...i.provenance, disclosure: { applied: false, rules: '', summary: '', audit: '', offReason: doc.disclosure.offReason } } }
      : i,
  );
  return doc;
}

describe('packToXlsx: workbook structure', () => {
  it('writes Cover, Contents, Notes, one sheet per table, then Provenance, in that order', async () => {
    const one = await read(sampleDocument());
    expect(one.wb.worksheets.map((w) => w.name)).toEqual(['Cover', 'Contents', 'Notes', 'Table_1', 'Provenance']);
    const three = await read(sampleDocument(3));
    expect(three.wb.worksheets.map((w) => w.name)).toEqual(['Cover', 'Contents', 'Notes', 'Table_1', 'Table_2', 'Table_3', 'Provenance']);
  });

  it('leaves the Notes sheet out when the pack has no notes', async () => {
    const doc = sampleDocument();
    doc.notes = [];
    const { wb } = await read(doc);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cover', 'Contents', 'Table_1', 'Provenance']);
  });

  it('puts each sheet title in A1, formatted with the built-in Heading 1 cell style', async () => {
    const { wb, files, sheetPath } = await read(sampleDocument(2));
    const titles = wb.worksheets.map((w) => w.getCell('A1').text);
    expect(titles).toEqual([
      'Human trafficking: NRM referrals',
      'Contents',
      'Notes',
      'Table 1: NRM referrals by year and age at exploitation, 2011 to 2013 (1)',
      'Table 2: NRM referrals by year and age at exploitation, 2011 to 2013 (2)',
      'Provenance',
    ]);
    for (const w of wb.worksheets) expect(w.getCell('A1').font).toMatchObject({ name: 'Arial', bold: true, size: 16 });
    const styles = files['xl/styles.xml'] ?? '';
    const h1 = /<cellStyle name="Heading 1" xfId="(\d+)" builtinId="16"\/>/.exec(styles)?.[1];
    expect(h1).toBeDefined();
    expect(styles).toMatch(/<cellStyle name="Heading 2" xfId="\d+" builtinId="17"\/>/);
    const cellXfs = (/<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').match(/<xf\b[^>]*>/g) ?? [];
    for (const name of sheetPath.keys()) {
      const s = Number(/<c r="A1" s="(\d+)"/.exec(files[sheetPath.get(name) ?? ''] ?? '')?.[1]);
      expect(cellXfs[s], name).toContain(`xfId="${h1}"`);
    }
  });

  it('marks up every list and table as an Excel table with one header row, unique names and no blank rows', async () => {
    const back = await read(sampleDocument(3));
    const tablePaths = Object.keys(back.files).filter((p) => /^xl\/tables\/table\d+\.xml$/.test(p));
    expect(tablePaths).toHaveLength(6);
    const names = new Set<string>();
    for (const sheet of back.wb.worksheets.map((w) => w.name).filter((n) => n !== 'Cover')) {
      const tables = back.tables(sheet);
      expect(tables, sheet).toHaveLength(1);
      const [t] = tables;
      if (!t) continue;
      expect(t.headerRowCount).toBe('1');
      expect(t.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      names.add(t.name.toLowerCase());
      const { first, last, width } = refRows(t.ref);
      const ws = back.wb.getWorksheet(sheet);
      expect(ws?.getRow(first).values).toEqual([undefined, ...t.columns]);
      expect(width).toBe(t.columns.length);
      for (let r = first + 1; r <= last; r++) {
        const texts = Array.from({ length: width }, (_, c) => ws?.getCell(r, c + 1).text ?? '');
        expect(texts.some((x) => x !== ''), `${sheet} row ${r}`).toBe(true);
      }
      // Nothing between the lines above the table and its header row.
      for (let r = 1; r < first; r++) expect(ws?.getCell(r, 1).text, `${sheet} row ${r}`).not.toBe('');
    }
    expect(names.size).toBe(6);
  });

  it('has no merged cells anywhere', async () => {
    const { wb, files } = await read(sampleDocument(3));
    for (const [path, xml] of Object.entries(files)) if (path.startsWith('xl/worksheets/sheet')) expect(xml, path).not.toMatch(/<mergeCell/);
    for (const w of wb.worksheets) expect(w.model.merges, w.name).toEqual([]);
  });

  it('sets the document properties', async () => {
    const { wb, files } = await read(sampleDocument());
    expect(wb.title).toBe('Human trafficking: NRM referrals');
    expect(wb.creator).toBe('A. Analyst');
    expect(wb.company).toBe('Home Office Analysis and Insight');
    expect(wb.subject).toBe('Briefing for the Inter-Departmental Ministerial Group');
    expect(wb.keywords).toContain('nrm_referrals_quarterly');
    expect(wb.created.toISOString()).toBe('2026-11-28T10:00:00.000Z');
    expect(files['docProps/core.xml']).toContain('<dc:title>Human trafficking: NRM referrals</dc:title>');
    expect(files['docProps/core.xml']).toContain('<dc:creator>A. Analyst</dc:creator>');
    expect(files['docProps/core.xml']).toContain('<dc:language>en-GB</dc:language>');
    expect(files['docProps/app.xml']).toContain('<Company>Home Office Analysis and Insight</Company>');
  });

  it('prints the protective marking and caveat in the header and footer of every sheet, in 12 pt Arial', async () => {
    const { wb, files, sheetPath } = await read(sampleDocument(2));
    for (const w of wb.worksheets) {
      expect(w.headerFooter.oddHeader, w.name).toBe('&C&"Arial,Bold"&12OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION');
      expect(w.headerFooter.oddFooter, w.name).toContain('OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION');
      expect(w.headerFooter.oddFooter, w.name).toContain('&R&"Arial,Regular"&12Page &P of &N');
      expect(files[sheetPath.get(w.name) ?? ''], w.name).toContain('<oddHeader>&amp;C&amp;&quot;Arial,Bold&quot;&amp;12OFFICIAL-SENSITIVE');
    }
    const unmarked = sampleDocument();
    unmarked.meta.marking = null;
    const back = await read(unmarked);
    for (const w of back.wb.worksheets) expect(w.headerFooter.oddHeader ?? '', w.name).not.toContain('OFFICIAL');
  });
});

describe('packToXlsx: cover, contents, notes and provenance', () => {
  it('writes the cover: about, source, date, author, contact, marking, shorthand, disclosure and licence', async () => {
    const { wb } = await read(sampleDocument());
    const cover = columnA(wb.getWorksheet('Cover') as ExcelJS.Worksheet);
    const after = (heading: string): string | undefined => cover[cover.indexOf(heading) + 1];
    expect(cover[0]).toBe('Human trafficking: NRM referrals');
    expect(cover).toContain('About these tables');
    expect(after('About these tables')).toBe('Briefing for the Inter-Departmental Ministerial Group');
    expect(after('Source')).toBe('Source: Home Office, National Referral Mechanism statistics (Q4 2023 release)');
    expect(after('Date')).toBe('Pack dated 28 November 2026.');
    expect(after('Author')).toBe('A. Analyst, Home Office Analysis and Insight');
    expect(after('Contact')).toBe('analysis@example.gov.uk');
    expect(after('Protective marking')).toBe('OFFICIAL-SENSITIVE');
    expect(cover).toContain('Handling: Not for onward distribution');
    expect(cover).toContain('[c] Confidential: withheld to protect the people the figures are about.');
    expect(cover).toContain('946 referrals in 2011 as first published, 236 more (+33 %) than 2010');
    expect(cover.some((l) => l.startsWith('Figure 1: NRM referrals by year, 2011 and 2012. Bar chart'))).toBe(true);
    expect(after('Licence')).toMatch(/^Contains public sector information licensed under the Open Government Licence v3\.0/);
    expect(after('Disclosure control')).toMatch(/^Disclosure control was on for this export/);
    expect(cover.join('\n')).not.toMatch(/turned off/);
    expect(wb.getWorksheet('Cover')?.getCell(cover.indexOf('Source') + 1, 1).font).toMatchObject({ name: 'Arial', bold: true, size: 14 });
  });

  it('says prominently on the cover, on each table and in the provenance that disclosure control was off, and why', async () => {
    const { wb } = await read(disclosureOff());
    const cover = columnA(wb.getWorksheet('Cover') as ExcelJS.Worksheet);
    const warning = 'Warning: disclosure control was turned off for this export. Reason: Figures already published in the Q4 2023 release.';
    expect(cover[1]).toBe('OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION');
    expect(cover[2]).toBe(warning);
    expect(wb.getWorksheet('Cover')?.getCell('A3').font).toMatchObject({ bold: true });
    expect(cover.filter((l) => l === warning)).toHaveLength(2);
    const table = columnA(wb.getWorksheet('Table_1') as ExcelJS.Worksheet);
    expect(table).toContain('Disclosure control was not applied to this table. Reason: Figures already published in the Q4 2023 release.');
    const prov = wb.getWorksheet('Provenance') as ExcelJS.Worksheet;
    expect(columnA(prov)).toContain(warning);
    const rows = prov.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1).map(String) : []));
    expect(rows).toContainEqual(['Table 1', 'Disclosure control', 'Turned off']);
    expect(rows).toContainEqual(['Table 2', 'Reason disclosure control was off', 'Figures already published in the Q4 2023 release.']);
  });

  it('links every sheet after the cover from the Contents table, with its title', async () => {
    const back = await read(sampleDocument(2));
    const ws = back.wb.getWorksheet('Contents') as ExcelJS.Worksheet;
    const [t] = back.tables('Contents');
    expect(t?.columns).toEqual(['Sheet name', 'Sheet title']);
    const { first, last } = refRows(t?.ref ?? '');
    const links = back.links('Contents');
    const listed: string[] = [];
    for (let r = first + 1; r <= last; r++) {
      const name = ws.getCell(r, 1).text;
      listed.push(name);
      expect(links.get(`A${r}`), name).toBe(`'${name}'!A1`);
    }
    expect(listed).toEqual(back.wb.worksheets.map((w) => w.name).filter((n) => n !== 'Contents' && n !== 'Cover'));
    expect(ws.getCell(first + 2, 2).text).toBe('Table 1: NRM referrals by year and age at exploitation, 2011 to 2013 (1)');
    // In-document links carry no external relationship (which Excel would open as a file).
    const sheetXml = back.files[back.sheetPath.get('Contents') ?? ''] ?? '';
    expect(sheetXml).not.toMatch(/<hyperlink\b[^>]*r:id=/);
    expect(Object.entries(back.files).filter(([p]) => p.endsWith('.rels')).map(([, x]) => x).join('')).not.toMatch(/Target="'[^']*'!A1"/);
  });

  it('lists the notes as [note n] with their text and the tables that use them', async () => {
    const back = await read(sampleDocument(2));
    const [t] = back.tables('Notes');
    expect(t?.columns).toEqual(['Note number', 'Note text', 'Used in']);
    const row = back.wb.getWorksheet('Notes')?.getRow(refRows(t?.ref ?? '').first + 1);
    expect(row?.values).toEqual([undefined, '[note 1]', 'Year of referral to the NRM; current series, which differs from totals as first published.', 'Table 1, Table 2']);
  });

  it('records the provenance of every item: datasets, SQL, disclosure control, checks, app version, export time', async () => {
    const back = await read(sampleDocument());
    const [t] = back.tables('Provenance');
    expect(t?.columns).toEqual(['Item', 'Detail', 'Value']);
    const ws = back.wb.getWorksheet('Provenance') as ExcelJS.Worksheet;
    const { first, last } = refRows(t?.ref ?? '');
    const rows: string[][] = [];
    for (let r = first + 1; r <= last; r++) rows.push([1, 2, 3].map((c) => ws.getCell(r, c).text));
    expect([...new Set(rows.map((r) => r[0]))]).toEqual(['Key figures', 'Table 1', 'Figure 1']);
    const of = (item: string, detail: string): string | undefined => rows.find((r) => r[0] === item && r[1] === detail)?.[2];
    expect(of('Table 1', 'Dataset: id')).toBe('nrm_referrals_quarterly');
    expect(of('Table 1', 'Dataset: vintage')).toBe('Current series as published 7 March 2024 (Q4 2023 release)');
    expect(of('Table 1', 'Dataset: SHA-256')).toBe('b5b6f1c1c3f4de9b8f3f0f4a8a7d8b1e2c3d4e5f60718293a4b5c6d7e8f90123');
    expect(of('Table 1', 'Dataset: attribution')).toMatch(/Open Government Licence v3\.0/);
    expect(of('Table 1', 'SQL')).toBe('SELECT year, age_at_exploitation, sum(referrals) FROM nrm_referrals_quarterly GROUP BY ALL');
    expect(of('Table 1', 'Disclosure control')).toBe('Applied');
    expect(of('Table 1', 'Disclosure rules')).toMatch(/^Counts of 1 to 9 are suppressed/);
    expect(of('Table 1', 'Disclosure summary')).toBe('2 cells suppressed: 1 primary, 1 secondary; audit passed');
    expect(of('Table 1', 'Disclosure audit')).toBe('Audit passed.');
    expect(of('Table 1', 'Check')).toBe('The grand total, 2,840, equals the expected total (2,840).');
    expect(of('Figure 1', 'App version')).toBe('0.1.0');
    expect(of('Figure 1', 'Exported at')).toBe('2026-11-28T10:00:00.000Z');
  });
});
