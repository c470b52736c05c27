// Disclosure-control layer, pure: which pivots of a pack are linked tables, and which of their cells are one cell.
// Pivots of the same source, filters and protected value, under the same rules, count the same records the same way:
// a cell is identified by its group values (force = Cleveland, age = all), whichever axis shows them. A pivot that
// keeps only some records (blanks hidden, top-N items) links only with pivots that keep the same ones.
import type { PivotSpec } from '../query/pivot/spec.ts';
import type { PivotSdcTable } from './pivot-protect.ts';
import type { SdcRules } from './rules.ts';

/** Pivots with equal groups are protected together; the string is only compared. */
export function linkGroup(spec: PivotSpec, valueIndex: number, rules: SdcRules): string {
  const value = spec.values[valueIndex]!;
  const fields = [...spec.rows, ...spec.columns];
  const topN = fields.flatMap((f) => {
    const t = spec.fieldOptions[f]?.topN;
    return t ? [[f, t.n, spec.values[t.value]?.field ?? null, spec.values[t.value]?.aggregate ?? null, t.other]] : [];
  });
  const filters = spec.filters.map((f) => JSON.stringify(f)).sort();
  // Hidden blanks or top-N items keep only some records, which ones depending on the fields shown.
  const restricted = spec.nulls === 'hide' || topN.length > 0 ? { fields: [...fields].sort(), nulls: spec.nulls, topN } : null;
  return JSON.stringify({ source: spec.source, filters, value: [value.field, value.aggregate], rules, restricted });
}

/** Each SDC cell's identity within its link group: its (field, value) pairs, in field order, a total being "all". */
export function pivotCellKeys(spec: PivotSpec, sdc: PivotSdcTable): string[] {
  return sdc.paths.map(({ row, column }) => {
    const pairs = [...row.map((v, d) => [spec.rows[d]!, v] as const), ...column.map((v, d) => [spec.columns[d]!, v] as const)];
    return JSON.stringify(pairs.map(([f, v]) => [f, v === null ? null : String(v)]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)));
  });
}
