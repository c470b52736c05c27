// Pack layer, pure: does a frozen item still show what a fresh run of the same item shows? The headless rebuild's
// `--check` compares each frozen snapshot with the item resolved live, figure by figure — table cells (value and
// shorthand), key figures, and what a chart says it shows (its text alternative and withheld-values line; the SVG
// itself is not compared: a snapshot's markup is cleaned when it is stored, so it never matches byte for byte).
import type { DocItem } from './document.ts';
import { shorthand } from '../sdc/status.ts';

/** The first place a frozen item and its fresh run part ways, and how many figures differ in all. */
export interface FrozenDifference {
  /** Where, in words a reader can find: "Table 2, row 3 (Adult), column Male". */
  where: string;
  frozen: string;
  fresh: string;
  /** How many figures differ (a changed shape counts as one). */
  count: number;
}

type Entry = [where: string, value: string];

/** Each figure of the parts with where it is; tables and figures named by the numbers the pack gives them. */
function entriesOf(parts: readonly DocItem[], numbers: Numbering): Entry[] {
  const out: Entry[] = [];
  const seen = { table: 0, figure: 0 };
  parts.forEach((part, p) => {
    if (part.kind === 'table') {
      const name = `Table ${numbers.table[seen.table++] ?? part.number}`;
      out.push([`${name}: its shape`, `${part.rows.length} rows × ${part.columns.length} columns`]);
      part.rows.forEach((row, r) => {
        const label = row.cells[0]?.value ?? '';
        row.cells.forEach((cell, c) => {
          const mark = shorthand(cell.status);
          const value = `${cell.value ?? ''}${mark ? ` ${mark}` : ''}`.trim() || '(blank)';
          out.push([`${name}, row ${r + 1} (${label}), column ${part.columns[c]?.header ?? c + 1}`, value]);
        });
      });
    } else if (part.kind === 'figure') {
      out.push([`Figure ${numbers.figure[seen.figure++] ?? part.number}: what it shows`, `${part.altText}${part.withheld ? ` ${part.withheld}` : ''}`]);
    } else if (part.kind === 'key-figures') {
      part.figures.forEach((f, i) => out.push([`${part.caption}, figure ${i + 1}`, `${f.value} ${f.label}`]));
    } else {
      out.push([`part ${p + 1}: its kind`, part.kind]);
    }
  });
  return out;
}

interface Numbering { table: number[]; figure: number[] }

/**
 * null when the frozen parts show the same figures as the fresh ones, else the first difference. Numbering aside:
 * both are named by the frozen parts' numbers (as placed in the pack), whatever number the fresh run gave them.
 */
export function frozenDifference(frozen: readonly DocItem[], fresh: readonly DocItem[]): FrozenDifference | null {
  const numbers: Numbering = { table: [], figure: [] };
  for (const p of frozen) if (p.kind === 'table' || p.kind === 'figure') numbers[p.kind].push(p.number);
  const a = entriesOf(frozen, numbers);
  const b = entriesOf(fresh, numbers);
  let first: FrozenDifference | null = null;
  let count = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x && y && x[0] === y[0] && x[1] === y[1]) continue;
    count += 1;
    first ??= { where: (x ?? y)![0], frozen: x ? (x[0] === y?.[0] ? x[1] : `${x[0]}: ${x[1]}`) : '(nothing)', fresh: y ? (y[0] === x?.[0] ? y[1] : `${y[0]}: ${y[1]}`) : '(nothing)', count: 0 };
    // Once the shapes part ways, later positions no longer line up: one difference says it.
    if (!x || !y || x[0] !== y[0]) break;
  }
  return first ? { ...first, count } : null;
}
