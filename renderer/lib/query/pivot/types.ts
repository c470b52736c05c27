// Query layer, pure: the shapes that pass between the pivot's pure stages — the source schema the compiler needs,
// the compiled query, and the laid-out pivot (rows × columns × values) that tables, charts and exports read.
import type { PivotValue, Scalar } from './spec.ts';

/** A column of the pivot's source, as DESCRIBE reports it. */
export interface FieldSchema {
  name: string;
  /** DuckDB type name, e.g. INTEGER, VARCHAR, DATE, DOUBLE. */
  type: string;
}

/**
 * The SQL a pivot runs. Its result has one row per (row group, column group) at every level, with columns
 * r0..r{n-1} (row field values), c0..c{m-1} (column field values), row_depth (0 = grand total … n = innermost),
 * col_depth (0 … m) and v0..v{k-1} (one aggregate per value, raw).
 */
export interface CompiledPivot {
  sql: string;
  rowFields: string[];
  columnFields: string[];
  valueCount: number;
}

export type AxisItemKind = 'item' | 'subtotal' | 'grand_total';

/** One row (or one column) of the laid-out pivot. */
export interface AxisItem {
  /** Stable identity: JSON of `path`. */
  key: string;
  /** Group values from the outermost field to this item's level; [] for the grand total. */
  path: Scalar[];
  /** 0 for the grand total, 1 for the outermost field … n for the innermost. */
  depth: number;
  /** Display label of this item's own level ("Total" for the grand total, "(blank)" for NULL, "Other" for top-N rest). */
  label: string;
  /**
   * 'item': a group shown with its own value; 'subtotal': the total of a group whose children are shown (or
   * collapsed); 'grand_total': depth 0.
   */
  kind: AxisItemKind;
  /** The group has child items (it is not at the innermost level). */
  hasChildren: boolean;
  /** The group is collapsed: its children are hidden and this item shows the group's total. */
  collapsed: boolean;
}

export interface LaidOutValue {
  /** The value as specified, its label the one shown (the analyst's, or as people write it: "Referrals"). */
  value: PivotValue;
  /** The aggregate, row-major: raw[rowIndex * columns.length + columnIndex]. */
  raw: (number | null)[];
  /** After "show values as" (equal to raw for 'raw'); percentages as percentages (12.5 means 12.5 %). */
  shown: (number | null)[];
  /** The value over the whole (filtered) source — the grand total, whether or not the table shows it. */
  grand: number | null;
  /** Range of `shown` (set by the layout, which visits every cell anyway), so views need not scan it again. */
  extent?: ValueExtent;
  /** As published after disclosure control: each withheld cell's shorthand ("[c]"), null elsewhere; absent if none. */
  withheld?: (string | null)[];
}

export interface ValueExtent {
  /** Largest magnitude among the shown figures (0 when there are none). */
  maxAbs: number;
  negative: boolean;
  /** Every shown figure is a whole number. */
  integers: boolean;
}

export interface PivotLayout {
  rowFields: string[];
  columnFields: string[];
  /** The fields' labels, as tables, charts and exports show them (query/pivot/field-labels.ts). */
  rowLabels: string[];
  columnLabels: string[];
  rows: AxisItem[];
  columns: AxisItem[];
  values: LaidOutValue[];
}
