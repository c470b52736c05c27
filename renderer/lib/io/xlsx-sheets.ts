// Import/export layer: the XLSX export's framing worksheets (xlsx.ts) — Cover, Contents, Notes and Provenance — laid
// out as the Analysis Function's guidance and its reference tools (gptables, aftables) do: title in A1, the marking
// in A2, plain lines of text, and any list as a marked-up Excel table with one header row. Provenance is a long table (item, detail,
// value) so that every dataset, query, disclosure rule and check of every item fits one accessible table.
import type ExcelJS from 'exceljs';
import type { DocItem, PackDocument, PackMeta, Provenance } from '../pack/document.ts';
import { docUsesSynthetic, itemUsesSynthetic, SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import { coverSheetNotes } from '../sdc/status.ts';
import {
  A4_TEXT_WIDTH,
  addPlainTable,
  chunks,
  fitColumns,
  fitRowHeights,
  type Line,
  linkFont,
  longDate,
  longDateTime,
  printSetup,
  sheetLink,
  topLines,
  writeLines,
} from './xlsx-style.ts';

/** One row of the Contents table. */
export interface SheetEntry {
  name: string;
  title: string;
}

const ONE_TABLE = 'This worksheet contains one table.';

function tableCount(n: number): string {
  return n === 1 ? '1 table' : `${n} tables`;
}

function disclosureOffLine(doc: PackDocument): Line {
  const reason = doc.disclosure.offReason.trim() || 'no reason was recorded';
  return { text: `Warning: disclosure control was turned off for this export. Reason: ${reason}`, warning: true };
}

/** The pack-level warning, naming the tables and figures built on synthetic data. */
function syntheticLine(doc: PackDocument): Line {
  const items = doc.items.flatMap((i) => ((i.kind === 'table' || i.kind === 'figure' || i.kind === 'key-figures') && itemUsesSynthetic(i) ? [i.provenance.item] : []));
  return { text: `${SYNTHETIC_NOTE}: ${items.join(', ')}.`, warning: true };
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

const STATUS_WORDS: Record<NonNullable<PackMeta['status']>, string> = {
  provisional: 'Provisional: these figures may be revised.',
  revised: 'Revised: these figures replace figures published earlier.',
  final: 'Final.',
};

/** Next update, status and release link: the cover details the guidance asks for, "Not yet decided" when not given. */
function releaseLines(meta: PackMeta): Line[] {
  const next = meta.nextUpdate?.trim();
  const url = meta.releaseUrl?.trim();
  return [
    { text: 'Next update', heading: 2 },
    { text: next ? sentence(longDate(next)) : 'Not yet decided.' },
    { text: 'Status', heading: 2 },
    { text: meta.status ? STATUS_WORDS[meta.status] : 'Not yet decided.' },
    { text: 'Release', heading: 2 },
    // A link's text says where it goes; the address follows as plain text, which prints and wraps (a link does not).
    ...(url ? [{ text: 'Go to the release web page', url }, { text: `Web address: ${url}` }] : [{ text: 'No web page for this release.' }]),
  ];
}

/** The cover: what the workbook is, where it comes from, who to ask, how it is marked and what its symbols mean. */
export function writeCover(wb: ExcelJS.Workbook, doc: PackDocument): void {
  const ws = wb.addWorksheet('Cover');
  const { meta } = doc;
  const tables = doc.items.filter((i) => i.kind === 'table');
  const lines: Line[] = topLines(meta.title, meta);
  if (docUsesSynthetic(doc)) lines.push(syntheticLine(doc));
  if (!doc.disclosure.on) lines.push(disclosureOffLine(doc));
  lines.push({ text: 'About these tables', heading: 2 });
  if (meta.subtitle) lines.push({ text: meta.subtitle });
  lines.push({
    text:
      `This workbook contains ${tableCount(tables.length)} from the briefing pack "${meta.title}", one table a worksheet ` +
      `(Table_1 onwards), listed in the Contents worksheet.` +
      (doc.notes.length > 0 ? ' Notes referred to as [note 1] and so on are in the Notes worksheet.' : ''),
  });
  const figures = doc.items.filter((i) => i.kind === 'figure');
  if (figures.length > 0 || doc.items.some((i) => i.kind === 'commentary')) {
    lines.push({ text: "The pack's charts and commentary are in its PDF and Word versions; each chart is described below." });
  }
  for (const f of figures) lines.push({ text: `Figure ${f.number}: ${f.caption}. ${f.altText}` });
  for (const k of doc.items.filter((i) => i.kind === 'key-figures')) {
    lines.push({ text: k.caption || 'Key figures', heading: 2 });
    for (const f of k.figures) lines.push({ text: `${f.value} ${f.label}` });
  }
  const sources = [...new Set(doc.items.flatMap((i) => (i.kind === 'table' || i.kind === 'figure') && i.source ? [i.source] : []))];
  lines.push({ text: 'Source', heading: 2 }, ...(sources.length > 0 ? sources : ['Not stated.']).map((text) => ({ text })));
  lines.push({ text: 'Date', heading: 2 }, { text: `Pack dated ${longDate(meta.date)}.` }, { text: `Exported ${longDateTime(meta.exportedAt)}.` }, ...releaseLines(meta));
  const by = [meta.author, meta.organisation].filter(Boolean).join(', ');
  if (by) lines.push({ text: 'Author', heading: 2 }, { text: by });
  if (meta.contact) {
    const email = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(meta.contact);
    lines.push({ text: 'Contact', heading: 2 }, { text: meta.contact, url: email ? `mailto:${meta.contact}` : undefined });
  }
  lines.push({ text: 'Protective marking', heading: 2 }, { text: meta.marking ?? 'None.' });
  if (meta.marking && meta.caveat) lines.push({ text: `Handling: ${meta.caveat}` });
  // The pack's own list first; any symbol a table uses that the list lacks is explained in the standard words.
  const used = coverSheetNotes(tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.status))));
  const shorthand = [...doc.shorthand, ...used.filter((u) => !doc.shorthand.some((s) => s.symbol === u.symbol))];
  if (shorthand.length > 0) {
    lines.push({ text: 'Shorthand used in these tables', heading: 2 }, { text: 'Some cells show a symbol in square brackets instead of, or beside, a figure:' });
    for (const s of shorthand) lines.push({ text: `${s.symbol} ${s.meaning}` });
  }
  lines.push({ text: 'Disclosure control', heading: 2 });
  lines.push(
    doc.disclosure.on
      ? { text: 'Disclosure control was on for this export. The rules and the audit for each table are in the Provenance worksheet.' }
      : disclosureOffLine(doc),
  );
  if (doc.attribution.length > 0) {
    lines.push({ text: 'Licence', heading: 2 }, ...doc.attribution.map((text) => ({ text })));
  }
  lines.push(
    { text: 'Provenance', heading: 2 },
    // LibreOffice never wraps a cell holding a link, so the link is a short line of its own after the sentence.
    { text: 'The datasets, SQL, disclosure control and checks behind each item are in the Provenance worksheet.' },
    { text: 'Go to the Provenance worksheet', link: 'Provenance' },
    { text: `Made with the IDMG analyst workbench, version ${meta.appVersion}.` },
  );
  ws.getColumn(1).width = A4_TEXT_WIDTH;
  fitRowHeights(ws, 1, writeLines(ws, lines, 1, true) - 1);
  printSetup(ws, meta);
}

/** Contents: every worksheet after the cover, linked, with what it holds. */
export function writeContents(wb: ExcelJS.Workbook, doc: PackDocument, sheets: SheetEntry[]): void {
  const ws = wb.addWorksheet('Contents');
  const headerRow = writeLines(ws, [...topLines('Contents', doc.meta), { text: ONE_TABLE }, { text: 'Select a sheet name to go to that worksheet.' }], 1);
  const headers = ['Sheet name', 'Sheet title'];
  addPlainTable(ws, { name: 'Contents_table', ref: `A${headerRow}`, headers, rows: sheets.map((s) => [sheetLink(s.name, s.name), s.title]) });
  sheets.forEach((_, i) => linkFont(ws.getCell(headerRow + 1 + i, 1)));
  fitColumns(ws, headers, sheets.map((s) => [s.name, s.title]), 14, 100);
  fitRowHeights(ws, headerRow, headerRow + sheets.length);
  printSetup(ws, doc.meta, headerRow);
}

/** Notes: number, text, and the tables that refer to each note. */
export function writeNotes(wb: ExcelJS.Workbook, doc: PackDocument): void {
  const ws = wb.addWorksheet('Notes');
  const headerRow = writeLines(ws, [...topLines('Notes', doc.meta), { text: ONE_TABLE }], 1);
  const headers = ['Note number', 'Note text', 'Used in'];
  const rows = doc.notes.map((n) => {
    const users = doc.items.flatMap((i) =>
      (i.kind === 'table' || i.kind === 'figure') && i.notes.includes(n.id) ? [`${i.kind === 'table' ? 'Table' : 'Figure'} ${i.number}`] : [],
    );
    return [n.id.startsWith('[') ? n.id : `[${n.id}]`, n.text, users.join(', ') || 'Not referred to'];
  });
  addPlainTable(ws, { name: 'Notes_table', ref: `A${headerRow}`, headers, rows });
  rows.forEach((_, i) => (ws.getCell(headerRow + 1 + i, 2).alignment = { wrapText: true, vertical: 'top' }));
  fitColumns(ws, headers, rows, 12, 90);
  fitRowHeights(ws, headerRow, headerRow + rows.length);
  printSetup(ws, doc.meta, headerRow);
}

/** The provenance of one item as (detail, value) pairs, in a fixed order. */
function provenanceRows(p: Provenance, doc: PackDocument): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (p.datasets.length === 0) rows.push(['Datasets', 'None recorded']);
  p.datasets.forEach((d, i) => {
    const n = p.datasets.length > 1 ? ` ${i + 1}` : '';
    rows.push(
      [`Dataset${n}: id`, d.id],
      [`Dataset${n}: title`, d.title],
      [`Dataset${n}: vintage`, d.vintage],
      [`Dataset${n}: SHA-256`, d.sha256 || 'Not applicable (built-in dataset)'],
      [`Dataset${n}: attribution`, d.attribution || 'None'],
    );
    if (d.synthetic) rows.push([`Dataset${n}: synthetic`, `${SYNTHETIC_NOTE}.`]);
  });
  if (p.sql.length === 0) rows.push(['SQL', 'None recorded']);
  p.sql.forEach((sql, i) => rows.push([p.sql.length > 1 ? `SQL ${i + 1}` : 'SQL', sql]));
  const sdc = p.disclosure;
  if (sdc === null) rows.push(['Disclosure control', 'Not applicable to this item']);
  else if (sdc.applied) {
    rows.push(['Disclosure control', 'Applied'], ['Disclosure rules', sdc.rules], ['Disclosure summary', sdc.summary], ['Disclosure audit', sdc.audit]);
  } else rows.push(['Disclosure control', 'Turned off'], ['Reason disclosure control was off', sdc.offReason || 'No reason recorded']);
  if (p.checks.length === 0) rows.push(['Checks', 'None recorded']);
  p.checks.forEach((c, i) => rows.push([p.checks.length > 1 ? `Check ${i + 1}` : 'Check', c]));
  rows.push(['App version', doc.meta.appVersion], ['Exported at', doc.meta.exportedAt]);
  return rows;
}

function itemProvenance(item: DocItem): Provenance | null {
  return item.kind === 'table' || item.kind === 'figure' || item.kind === 'key-figures' ? item.provenance : null;
}

/** Provenance: for every item, its data, SQL, disclosure control, checks, app version and export time. */
export function writeProvenance(wb: ExcelJS.Workbook, doc: PackDocument): void {
  const ws = wb.addWorksheet('Provenance');
  const top = topLines('Provenance', doc.meta);
  const intro: Line[] = [
    ...top,
    { text: ONE_TABLE },
    { text: 'How each item in the pack was produced: the data it used, the SQL that ran, disclosure control and the checks made.' },
    { text: `Exported ${longDateTime(doc.meta.exportedAt)} by the IDMG analyst workbench, version ${doc.meta.appVersion}.` },
  ];
  if (docUsesSynthetic(doc)) intro.splice(top.length, 0, syntheticLine(doc));
  if (!doc.disclosure.on) intro.push(disclosureOffLine(doc));
  const headerRow = writeLines(ws, intro, 1);
  const headers = ['Item', 'Detail', 'Value'];
  const rows: string[][] = [];
  for (const item of doc.items) {
    const p = itemProvenance(item);
    if (!p) continue;
    for (const [detail, value] of provenanceRows(p, doc)) {
      const parts = chunks(value);
      parts.forEach((part, i) => rows.push([p.item, parts.length > 1 ? `${detail} (part ${i + 1} of ${parts.length})` : detail, part]));
    }
  }
  if (rows.length === 0) rows.push(['None', 'Items', 'The pack has no tables, figures or key figures.']);
  addPlainTable(ws, { name: 'Provenance_table', ref: `A${headerRow}`, headers, rows });
  rows.forEach((_, i) => (ws.getCell(headerRow + 1 + i, 3).alignment = { wrapText: true, vertical: 'top' }));
  fitColumns(ws, headers, rows, 12, 100);
  fitRowHeights(ws, headerRow, headerRow + rows.length);
  printSetup(ws, doc.meta, headerRow);
}
