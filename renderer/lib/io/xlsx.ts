// Import/export layer: the briefing pack as an accessible spreadsheet, following the Analysis Function's "Releasing
// statistics in spreadsheets" (gptables and aftables are the reference implementations): Cover, Contents, Notes, one
// table a worksheet (Table_1…), then Provenance. Built as an exceljs workbook, which runs both in Node (tests) and in
// the page (its package.json "browser" field gives Vite its self-contained browser build). That one workbook is
// written as XLSX here — xlsx-zip.ts then fixes what exceljs cannot write (in-document hyperlinks, built-in heading
// cell styles, the default font) — and as ODS by ods.ts, so the two files cannot disagree.
import ExcelJS from 'exceljs';
import type { DocTable, PackDocument } from '../pack/document.ts';
import { type SheetEntry, writeContents, writeCover, writeNotes, writeProvenance } from './xlsx-sheets.ts';
import { nameFonts } from './xlsx-style.ts';
import { writeTableSheet } from './xlsx-table.ts';
import { finishXlsx } from './xlsx-zip.ts';

/** Sheet names for the pack's tables: Table_<number>, made unique if two tables share a number. */
function tableSheets(tables: DocTable[]): Array<{ table: DocTable; name: string }> {
  const used = new Set<string>();
  return tables.map((table, i) => {
    let name = `Table_${table.number}`;
    if (used.has(name)) name = `Table_${table.number}_${i + 1}`;
    used.add(name);
    return { table, name };
  });
}

function setProperties(wb: ExcelJS.Workbook, doc: PackDocument): void {
  const { meta } = doc;
  const when = new Date(meta.exportedAt);
  const created = Number.isNaN(when.getTime()) ? new Date() : when;
  const datasets = doc.items.flatMap((i) => ('provenance' in i ? i.provenance.datasets.map((d) => d.id) : []));
  wb.title = meta.title;
  wb.subject = meta.subtitle || meta.title;
  wb.creator = meta.author || meta.organisation;
  wb.lastModifiedBy = meta.author || meta.organisation;
  wb.company = meta.organisation;
  wb.keywords = [...new Set(['statistics', ...datasets])].join(', ');
  wb.category = meta.marking ?? '';
  wb.description = `${meta.subtitle ? `${meta.subtitle}. ` : ''}Exported by the IDMG analyst workbench ${meta.appVersion}.`;
  // exceljs writes dc:language but its typings omit the property.
  (wb as ExcelJS.Workbook & { language: string }).language = 'en-GB';
  wb.created = created;
  wb.modified = created;
}

/** The pack as a workbook in memory: every sheet, cell, format and print set-up, ready for either file format. */
export function packWorkbook(doc: PackDocument): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  setProperties(wb, doc);
  const tables = tableSheets(doc.items.filter((i) => i.kind === 'table'));
  // The guidance: a Notes worksheet only when there are notes to list.
  const hasNotes = doc.notes.length > 0;

  // The guidance: the contents lists every worksheet after the cover.
  const contents: SheetEntry[] = [];
  if (hasNotes) contents.push({ name: 'Notes', title: 'Notes used in this workbook' });
  for (const { table, name } of tables) contents.push({ name, title: `Table ${table.number}: ${table.caption}` });
  contents.push({ name: 'Provenance', title: 'How each item was produced: data, SQL, disclosure control and checks' });

  writeCover(wb, doc);
  writeContents(wb, doc, contents);
  if (hasNotes) writeNotes(wb, doc);
  for (const { table, name } of tables) writeTableSheet(wb, doc, table, name, hasNotes);
  writeProvenance(wb, doc);
  for (const ws of wb.worksheets) nameFonts(ws);
  return wb;
}

/** Writes the pack as an .xlsx file (bytes). Every row and column of every table is written. */
export async function packToXlsx(doc: PackDocument): Promise<Uint8Array> {
  const wb = packWorkbook(doc);
  const buffer = await wb.xlsx.writeBuffer();
  // exceljs returns a Node Buffer (in the page, its bundled Buffer shim): both are Uint8Array views.
  return finishXlsx(new Uint8Array(buffer as unknown as Uint8Array));
}
