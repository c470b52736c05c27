// Import/export layer: a pack table as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold
// a comma, quote or line break). Figures are written in full (no rounding: CSV has no number formats), withheld
// cells as their shorthand ([c]), and the header carries each column's unit.
import type { DocTable } from '../pack/document.ts';
import { shorthand } from '../sdc/status.ts';

const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function tableToCsv(table: DocTable): string {
  const header = table.columns.map((c) => field(c.unit ? `${c.header} (${c.unit})` : c.header));
  const lines = [header.join(',')];
  for (const row of table.rows) {
    lines.push(row.cells.map((c) => field(c.status ? (shorthand(c.status) ?? '') : c.value === null ? '' : String(c.value))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
