// Pack layer, pure: what to do with a table wider than its page. Every exporter measures its columns its own way
// (the print view in the DOM, the DOCX writer from font metrics) — the narrowest each can be without breaking a
// number or a word (`min`) and its width on one line (`max`) — and this decides, the same way for all: the table as
// it is, on landscape pages when that fits, or split into column groups that each repeat the row-label columns and
// follow one another under "Table n (continued)". The analyst can ask for landscape or a split per item.
import type { DocTable, WideMode } from './document.ts';
import { a4, contentSize } from './page-geometry.ts';

export type Orientation = 'portrait' | 'landscape';

/** A column's narrowest width without breaking a word or number, and its width with nothing wrapped. */
export interface ColumnExtent { min: number; max: number }

/** The columns (indices into the table's columns, row labels first) printed together, and each one's width. */
export interface ColumnGroup { columns: number[]; widths: number[] }

export interface TablePlan { orientation: Orientation; groups: ColumnGroup[] }

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Widths filling `available`: each column gets its one-line width and the spare is shared in proportion to it;
 * when that is too wide, each gets its narrowest and the rest is shared by how much more it would like.
 */
export function distribute(extents: ColumnExtent[], available: number): number[] {
  const [min, max] = [extents.map((e) => e.min), extents.map((e) => Math.max(e.min, e.max))];
  const [minSum, maxSum] = [sum(min), sum(max)];
  if (maxSum <= available) return max.map((m) => m + (maxSum > 0 ? ((available - maxSum) * m) / maxSum : (available - maxSum) / max.length));
  if (minSum >= available || maxSum === minSum) return min;
  return min.map((m, i) => m + ((available - minSum) * (max[i]! - m)) / (maxSum - minSum));
}

/**
 * Number columns in consecutive groups, each fitting beside the label columns: as few groups as a greedy fill
 * needs, then evened out so the last group is not a lone column. A column too wide even alone gets a group.
 */
export function columnGroups(kinds: Array<'label' | 'number'>, extents: ColumnExtent[], available: number): number[][] {
  const labels = kinds.flatMap((k, i) => (k === 'label' ? [i] : []));
  const numbers = kinds.flatMap((k, i) => (k === 'number' ? [i] : []));
  const room = available - sum(labels.map((i) => extents[i]!.min));
  const fits = (cols: number[]) => sum(cols.map((i) => extents[i]!.min)) <= room + 1e-6;
  const greedy: number[][] = [];
  for (const c of numbers) {
    const last = greedy.at(-1);
    if (last && fits([...last, c])) last.push(c);
    else greedy.push([c]);
  }
  const k = Math.max(1, greedy.length);
  const even = Array.from({ length: k }, (_, g) => numbers.slice(Math.round((g * numbers.length) / k), Math.round(((g + 1) * numbers.length) / k)));
  const chosen = even.every(fits) ? even : greedy;
  return chosen.map((cols) => [...labels, ...cols]);
}

/** How a table is printed in a content box `space[orientation]` wide on a pack of `packOrientation` pages. */
export function planTable(
  kinds: Array<'label' | 'number'>,
  extents: ColumnExtent[],
  space: Record<Orientation, number>,
  packOrientation: Orientation,
  mode: WideMode = 'auto',
): TablePlan {
  const fits = (o: Orientation) => sum(extents.map((e) => e.min)) <= space[o] + 1e-6;
  const orientation: Orientation = mode === 'landscape' || (mode === 'auto' && !fits(packOrientation) && fits('landscape')) ? 'landscape' : packOrientation;
  const available = space[orientation];
  const groups = fits(orientation) ? [kinds.map((_, i) => i)] : columnGroups(kinds, extents, available);
  return { orientation, groups: groups.map((columns) => ({ columns, widths: distribute(columns.map((c) => extents[c]!), available) })) };
}

/** One group of every table as it was before widths were measured: label columns 1.7 times a number column. */
export function defaultPlan(table: DocTable, orientation: Orientation): TablePlan {
  return { orientation, groups: [{ columns: table.columns.map((_, i) => i), widths: table.columns.map((c) => (c.kind === 'label' ? 1.7 : 1)) }] };
}

/** Content widths of A4 in both orientations, in CSS px. */
export function a4Space(): Record<Orientation, number> {
  return { portrait: contentSize(a4('portrait')).width, landscape: contentSize(a4('landscape')).width };
}

/** Plans for every table of `items` (by item index) from measured extents; a table not measured keeps its default. */
export function planTables(
  items: readonly { kind: string }[],
  packOrientation: Orientation,
  extents: Map<number, ColumnExtent[]>,
  space: Record<Orientation, number> = a4Space(),
): Record<number, TablePlan> {
  const plans: Record<number, TablePlan> = {};
  items.forEach((item, i) => {
    if (item.kind !== 'table') return;
    const table = item as DocTable;
    const measured = extents.get(i);
    plans[i] = measured && measured.length === table.columns.length
      ? planTable(table.columns.map((c) => c.kind), measured, space, packOrientation, table.wide)
      : defaultPlan(table, packOrientation);
  });
  return plans;
}

/**
 * The table cut down to some of its columns. A group heading over columns on both sides of the cut is written
 * again over the first column of the group, so every part of a split table says what its columns are.
 */
export function groupTable(table: DocTable, columns: number[]): DocTable {
  if (columns.length === table.columns.length) return table;
  const first = columns.find((c) => table.columns[c]?.kind === 'number');
  const headerRows = table.headerRows.map((row) =>
    columns.map((c) => {
      const text = row[c] ?? '';
      if (text !== '' || c !== first) return text;
      // '' over a number column continues the heading to its left: find it across the columns cut away.
      for (let k = c - 1; k >= 0 && table.columns[k]?.kind === 'number'; k--) if ((row[k] ?? '') !== '') return row[k]!;
      return '';
    }),
  );
  return {
    ...table,
    headerRows,
    columns: columns.map((c) => table.columns[c]!),
    rows: table.rows.map((r) => ({ ...r, cells: columns.map((c) => r.cells[c] ?? { value: null, status: null }) })),
  };
}
