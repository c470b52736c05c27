// Pack layer, test fixture: the wide table of the issue that made wide tables print badly — first responder type
// by exploitation type (18 of them and a total), 4-digit counts with [c] cells and long headings — as a pack
// document, for the print view's and the DOCX writer's tests. `columns` cuts it down to a table that fits landscape.
import type { DocCell, DocTable, PackDocument } from './document.ts';
import { sampleDocument } from './sample-document.ts';

export const EXPLOITATION_TYPES = [
  'Criminal exploitation', 'Labour exploitation', 'Sexual exploitation', 'Domestic servitude', 'Organ harvesting',
  'Forced marriage', 'County lines', 'Cannabis cultivation', 'Forced begging', 'Financial fraud', 'Benefit fraud',
  'Forced criminality', 'Debt bondage', 'Agricultural labour', 'Construction labour', 'Hospitality labour',
  'Car washes', 'Nail bars',
];

export const RESPONDERS = [
  'Police', 'Local authority', 'Home Office Immigration Enforcement', 'UK Visas and Immigration', 'Salvation Army',
  'Non-governmental organisation', 'Health and social care', 'Border Force', 'Gangmasters and Labour Abuse Authority',
];

/** A unique 4-digit count for row r, column c (8999 is prime, so no two cells share one). */
export const wideCount = (r: number, c: number): number => 1000 + (((r * 19 + c) * 137) % 8999);

export function wideTable(number: number, types = EXPLOITATION_TYPES.length): DocTable {
  const heads = EXPLOITATION_TYPES.slice(0, types);
  const base = sampleDocument(1).items.find((i): i is DocTable => i.kind === 'table')!;
  const cell = (r: number, c: number): DocCell => ((r + c) % 7 === 3 ? { value: null, status: { code: 'c', kind: 'primary' } } : { value: wideCount(r, c), status: null });
  return {
    ...base,
    number,
    caption: `NRM referrals by first responder type and exploitation type, 2023 (${types} types)`,
    headerRows: [
      ['First responder type', 'Exploitation type', ...heads.slice(1).map(() => ''), 'All types'],
      ['', ...heads, 'Total'],
    ],
    columns: [
      { header: 'First responder type', kind: 'label', numberFormat: '@', unit: '' },
      ...[...heads, 'Total'].map((h) => ({ header: h, kind: 'number' as const, numberFormat: '#,##0', unit: 'number of referrals' })),
    ],
    rows: RESPONDERS.map((name, r) => ({ kind: 'item' as const, depth: 1, cells: [{ value: name, status: null }, ...heads.map((_, c) => cell(r, c)), { value: wideCount(r, 99), status: null }] })),
    notes: [],
    provenance: { ...base.provenance, item: `Table ${number}` },
  };
}

/** The sample pack with a table too wide even for landscape (split) and one that fits landscape only. */
export function widePack(): PackDocument {
  const doc = sampleDocument(1);
  const at = doc.items.findIndex((i) => i.kind === 'table');
  doc.items.splice(at + 1, 0, wideTable(2), wideTable(3, 9));
  let figure = 0;
  doc.items = doc.items.map((i) => (i.kind === 'figure' ? { ...i, number: ++figure } : i));
  return doc;
}
