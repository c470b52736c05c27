// Import/export layer: the pack's tables as CSV and its charts as SVG and PNG, in one zip, with a README giving
// the pack's marking, what each file is and each item's provenance (datasets, SQL, disclosure control, checks).
// Each CSV carries the marking in its own first line rather than in a sidecar file: a table copied out of the zip,
// mailed or loaded elsewhere keeps its marking, where a sidecar would be left behind; the README says so.
import { strToU8, zipSync } from 'fflate';
import type { DocItem, PackDocument } from '../pack/document.ts';
import { itemUsesSynthetic, SYNTHETIC_NOTE } from '../pack/synthetic.ts';
import { csvBytes, tableToCsv } from './csv.ts';
import { markingLine } from '../pack/marking.ts';

function provenanceText(item: DocItem): string {
  if (!('provenance' in item)) return '';
  const p = item.provenance;
  const lines = [`Datasets: ${p.datasets.map((d) => `${d.id} (${d.title}; vintage: ${d.vintage}; SHA-256 ${d.sha256})`).join('; ') || 'none built in'}`];
  if (p.disclosure) lines.push(`Disclosure control: ${p.disclosure.applied ? `${p.disclosure.rules} ${p.disclosure.summary}. ${p.disclosure.audit}` : `${p.disclosure.summary}${p.disclosure.offReason ? ` Reason: ${p.disclosure.offReason}` : ''}`}`);
  for (const c of p.checks) lines.push(`Check: ${c}`);
  lines.push('SQL:', ...p.sql.map((s) => `  ${s.replace(/\n/g, '\n  ')};`));
  return lines.join('\n');
}

const synthetic = (item: DocItem): string[] => (itemUsesSynthetic(item) ? [SYNTHETIC_NOTE] : []);

/** How to read the CSV files: the lines before the header, the encoding, and the apostrophes. */
function csvNotes(marking: string): string[] {
  return [
    'About the CSV files',
    marking
      ? `Each CSV file starts with the protective marking (${marking}) on a line of its own, so that the marking stays with the file wherever it is copied; a table over synthetic data has a warning line after it. The header row follows. Skip these lines when loading the figures into another tool.`
      : 'A table over synthetic data has a warning line before its header row; skip it when loading the figures into another tool.',
    'The files are UTF-8 text with a byte order mark. Text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return) starts with an apostrophe instead; numbers, negative ones included, are written as numbers.',
  ];
}

/** `pngs`: PNG bytes per figure number (the page rasterises the SVGs; absent ones are left out and listed). */
export function packToZip(doc: PackDocument, pngs: Map<number, Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const readme: string[] = [];
  const marking = markingLine(doc.meta);
  if (marking) readme.push(marking, '');
  readme.push(doc.meta.title, doc.meta.subtitle, `Exported ${doc.meta.exportedAt} by IDMG analyst workbench ${doc.meta.appVersion}`, '');
  readme.push(...csvNotes(marking), '');
  if (!doc.disclosure.on) readme.push(`DISCLOSURE CONTROL WAS TURNED OFF FOR THIS EXPORT. Reason: ${doc.disclosure.offReason}`, '');
  for (const s of doc.shorthand) readme.push(`${s.symbol}: ${s.meaning}`);
  for (const item of doc.items) {
    if (item.kind === 'table') {
      const name = `Table_${item.number}.csv`;
      // The marking and a synthetic-data warning travel in the file's own first lines, wherever it is copied to.
      files[name] = csvBytes(tableToCsv(item, [marking, ...synthetic(item)]));
      readme.push('', `${name} — Table ${item.number}: ${item.caption}`, ...synthetic(item), item.source, provenanceText(item));
    } else if (item.kind === 'figure') {
      const base = `Figure_${item.number}`;
      files[`${base}.svg`] = strToU8(item.svg);
      const png = pngs.get(item.number);
      if (png) files[`${base}.png`] = png;
      readme.push('', `${base}.svg${png ? ` and ${base}.png` : ' (no PNG could be drawn)'} — Figure ${item.number}: ${item.caption}`, ...synthetic(item), item.altText, item.source, provenanceText(item));
    }
  }
  if (doc.notes.length) readme.push('', 'Notes', ...doc.notes.map((n) => `[${n.id}] ${n.text}`));
  readme.push('', ...doc.attribution);
  files['README.txt'] = strToU8(readme.join('\r\n') + '\r\n');
  return zipSync(files, { level: 6 });
}
