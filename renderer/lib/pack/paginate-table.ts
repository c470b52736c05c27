// Pack layer, pure: how the paginator lays out one table — on the pages its plan names (the pack's, or landscape
// ones for a wide table), one column group after another, each split between rows where a page ends, with its
// header rows repeated under "Table n (continued)". Rows never split; the source and notes stay with the last row.
import type { Measure } from './paginate.ts';
import type { Flow } from './page-flow.ts';
import type { TablePlan } from './wide-table.ts';

const MIN_ROWS_WITH_HEADER = 2;

/** A table's caption and header rows are never left alone at the foot of a page: they need a few rows with them. */
export function tableLead(measure: Measure, item: number, rows: number, lastGroup: boolean): number {
  const first = Math.min(MIN_ROWS_WITH_HEADER, rows);
  let h = measure({ kind: 'table-head', item, group: 0, continued: false });
  for (let r = 0; r < first; r++) h += measure({ kind: 'table-row', item, group: 0, row: r });
  return first === rows && lastGroup ? h + measure({ kind: 'table-foot', item }) : h;
}

/** Group `group` whole: its head, every row and (for the last group) the foot. */
export function groupWhole(measure: Measure, item: number, rows: number, group: number, last: boolean): number {
  let h = measure({ kind: 'table-head', item, group, continued: group > 0 }) + (last ? measure({ kind: 'table-foot', item }) : 0);
  for (let r = 0; r < rows; r++) h += measure({ kind: 'table-row', item, group, row: r });
  return h;
}

/** One column group: whole where it is, whole on the next page, or split between rows; the page index it starts on. */
function placeGroup(flow: Flow, measure: Measure, item: number, rows: number, group: number, last: boolean, orientation: TablePlan['orientation']): number {
  const rowH = Array.from({ length: rows }, (_, r) => measure({ kind: 'table-row', item, group, row: r }));
  const head = measure({ kind: 'table-head', item, group, continued: group > 0 });
  const headCont = measure({ kind: 'table-head', item, group, continued: true });
  const foot = last ? measure({ kind: 'table-foot', item }) : 0;
  const whole = groupWhole(measure, item, rows, group, last);
  if (whole > flow.remaining && whole <= flow.limit) flow.newPage(orientation);
  else if (group === 0) flow.ensure(tableLead(measure, item, rows, last), orientation);
  else flow.ensure(headCont + (rowH[0] ?? 0) + (rows <= 1 ? foot : 0), orientation);
  let from = 0;
  let continued = group > 0;
  let start = -1;
  for (;;) {
    let h = continued ? headCont : head;
    let to = from;
    while (to < rows && h + rowH[to]! <= flow.remaining) h += rowH[to++]!;
    let fits = true;
    if (to === rows && h + foot > flow.remaining) {
      // The source and notes stay with the last row: carry that row over rather than leave the foot alone.
      if (to - from > 1) h -= rowH[--to]!;
      else [to, h, fits] = [from, continued ? headCont : head, false];
    }
    if (to === from && (rows > 0 || !fits)) {
      if (!flow.empty) {
        flow.newPage(orientation);
        continue;
      }
      if (to < rows) h += rowH[to++]!; // taller than a page even alone: printed anyway rather than loop
    }
    const end = to === rows;
    if (start < 0) start = flow.index;
    flow.put({ kind: 'table', item, group, from, to, continued, foot: end && last }, h + (end ? foot : 0));
    if (end) return start;
    flow.newPage(orientation);
    from = to;
    continued = true;
  }
}

/** Lays out one table by its plan and returns the page index where it starts. */
export function placeTable(flow: Flow, measure: Measure, item: number, rows: number, plan: TablePlan): number {
  if (flow.orientation !== plan.orientation) flow.newPage(plan.orientation);
  let start = -1;
  plan.groups.forEach((_, g) => {
    const at = placeGroup(flow, measure, item, rows, g, g === plan.groups.length - 1, plan.orientation);
    if (start < 0) start = at;
  });
  return start;
}
