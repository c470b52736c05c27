// Disclosure-control layer, pure: which pivots of a pack are linked tables, and which of their cells are one cell.
// Pivots of the same source and protected value, under the same rules, count records the same way: a cell is
// identified by the records it keeps (its filters) and its group values (force = Cleveland, age = all), whichever axis
// shows them. Pivots with different filters are linked too — through the differences a reader can work out when one
// filter keeps a subset of another's records (differencing.ts). A pivot that keeps only some records by what it shows
// (blanks hidden, top-N items) links only with pivots that keep the same ones.
import type { PivotSpec } from '../query/pivot/spec.ts';
import { canonicalFilters, differences, filteredCellKey } from './differencing.ts';
import type { PivotLayout } from '../query/pivot/types.ts';
import { linkTables, splitLinked, type LinkedMember, type LinkedTables } from './linked.ts';
import { pivotSdcTable, protectedPivot, type PivotSdcTable, type ProtectedPivot } from './pivot-protect.ts';
import type { ProtectionResult } from './protect.ts';
import type { SdcRules } from './rules.ts';
import type { SdcTable } from './table.ts';

/** Pivots with equal groups are protected together; the string is only compared. */
export function linkGroup(spec: PivotSpec, valueIndex: number, rules: SdcRules): string {
  const value = spec.values[valueIndex]!;
  const fields = [...spec.rows, ...spec.columns];
  const topN = fields.flatMap((f) => {
    const t = spec.fieldOptions[f]?.topN;
    return t ? [[f, t.n, spec.values[t.value]?.field ?? null, spec.values[t.value]?.aggregate ?? null, t.other]] : [];
  });
  // Hidden blanks or top-N items keep only some records, which ones depending on the fields shown.
  const restricted = spec.nulls === 'hide' || topN.length > 0 ? { fields: [...fields].sort(), nulls: spec.nulls, topN } : null;
  return JSON.stringify({ source: spec.source, value: [value.field, value.aggregate], rules, restricted });
}

/** Each SDC cell's groups: its (field, value) pairs, in field order, a total being "all" (the filters aside). */
export function pivotCellKeys(spec: PivotSpec, sdc: PivotSdcTable): string[] {
  return sdc.paths.map(({ row, column }) => {
    const pairs = [...row.map((v, d) => [spec.rows[d]!, v] as const), ...column.map((v, d) => [spec.columns[d]!, v] as const)];
    return JSON.stringify(pairs.map(([f, v]) => [f, v === null ? null : String(v)]).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0)));
  });
}

export interface PivotMember {
  readonly spec: PivotSpec;
  readonly sdc: PivotSdcTable;
  /** How the analyst knows the pivot (for warnings). */
  readonly caption: string;
}

/**
 * Pivots of one link group as linked tables: cells keyed by filters and groups, plus the unpublished differences
 * between pivots whose filters nest, and one warning per pair of pivots whose differences are small counts.
 */
export function linkPivots(pivots: readonly PivotMember[], rules: SdcRules): { linked: LinkedTables; members: LinkedMember[]; warnings: string[] } {
  const filtered = pivots.map(({ spec, sdc, caption }) => ({ table: sdc.table, filters: canonicalFilters(spec.filters), coords: pivotCellKeys(spec, sdc), caption }));
  const members = filtered.map((m) => ({ table: m.table, keys: m.coords.map((c) => filteredCellKey(m.filters, c)) }));
  // Top-N items depend on the records kept, so two filters' tables need not show the same items: an item missing
  // from one says nothing about its count there, and differences cannot be formed.
  const topN = pivots.some(({ spec }) => Object.values(spec.fieldOptions).some((o) => o?.topN));
  const extra = topN ? { cells: [], relations: [], warnings: [] } : differences(filtered, rules);
  return { linked: linkTables(members, extra), members, warnings: extra.warnings };
}

/** A pivot to protect with others: its spec, its layout, which value is protected, and how the analyst knows it. */
export interface LinkedPivot {
  readonly caption: string;
  readonly spec: PivotSpec;
  readonly layout: PivotLayout;
  readonly valueIndex: number;
  readonly rules: SdcRules;
}

/**
 * Pivots published together (one link group, the same rules) protected as linked tables through `protect` (the page's
 * worker, or protectTable in Node): each comes back as if protected alone, with the joint summary and warnings.
 */
export async function protectPivotsTogether(
  members: readonly LinkedPivot[],
  protect: (table: SdcTable, rules: SdcRules) => Promise<ProtectionResult>,
): Promise<{ pivots: ProtectedPivot[]; summary: string; warnings: string[] }> {
  const sdcs = members.map((m) => pivotSdcTable(m.layout, m.valueIndex));
  const rules = members[0]!.rules;
  const { linked, members: linkedMembers, warnings } = linkPivots(members.map((m, i) => ({ spec: m.spec, sdc: sdcs[i]!, caption: m.caption })), rules);
  const split = splitLinked(linkedMembers, linked, await protect(linked.table, rules));
  const pivots = members.map((m, i) => protectedPivot(m.spec, m.layout, m.valueIndex, sdcs[i]!, split.members[i]!, rules));
  return { pivots, summary: split.summary, warnings };
}
