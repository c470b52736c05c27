// Query layer, pure: the pivot as plain, serialisable data (after Perspective's config and Tad's QueryRep) —
// what the analyst arranged, not how it is computed. Every field is optional on input and filled with defaults;
// unknown keys are rejected so a saved pivot from a newer version fails loudly rather than half-loading.

import type { SdcRules } from '../../sdc/rules.ts';
export const PIVOT_VERSION = 1;

export type Aggregate = 'count' | 'count_distinct' | 'sum' | 'avg' | 'min' | 'max' | 'median';

export type ShowAs =
  | 'raw'
  | 'pct_row' // % of the row's grand total
  | 'pct_column' // % of the column's grand total
  | 'pct_total' // % of the grand total
  | 'pct_parent_row' // % of the parent row group's total
  | 'pct_parent_column' // % of the parent column group's total
  | 'diff_previous' // difference from the previous item of the innermost row field (e.g. year on year)
  | 'pct_change_previous' // % change from the previous item of the innermost row field
  | 'running_total'; // running total along the innermost row field, restarting in each parent group

export interface PivotValue {
  /** The field aggregated; null means "records" (count of rows). */
  field: string | null;
  aggregate: Aggregate;
  /** Header shown for this value; defaults to e.g. "Sum of referrals". */
  label: string;
  showAs: ShowAs;
}

export type FilterOp = 'in' | 'not_in' | 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'between' | 'contains' | 'is_null' | 'not_null';
export type Scalar = string | number | boolean | null;

export interface PivotFilter {
  field: string;
  op: FilterOp;
  /** in/not_in: any number of values (null matches NULL); between: [low, high] inclusive; is_null/not_null: []. */
  values: Scalar[];
}

export interface FieldOptions {
  /** Sort this field's items by their label, or by one of the values (index into `values`). */
  sortBy: 'label' | { value: number };
  direction: 'asc' | 'desc';
  /** Keep the top n items by a value (index into `values`); the rest become one "Other" item when `other`. */
  topN: { n: number; value: number; other: boolean } | null;
  /** Show subtotals for this field's groups (ignored for the innermost field). */
  subtotals: boolean;
}

export type PivotSource = { kind: 'table'; table: string } | { kind: 'query'; name: string; sql: string };

export interface PivotSpec {
  version: typeof PIVOT_VERSION;
  source: PivotSource;
  rows: string[];
  columns: string[];
  values: PivotValue[];
  filters: PivotFilter[];
  /** Per field (rows and columns); fields without an entry use DEFAULT_FIELD_OPTIONS. */
  fieldOptions: Record<string, FieldOptions>;
  grandTotals: { rows: boolean; columns: boolean };
  /** NULL group values: shown as their own "(blank)" item, or left out of the table (and its totals). */
  nulls: 'show' | 'hide';
  /** Collapsed group paths (JSON of the path's values), per axis. */
  collapsed: { rows: string[]; columns: string[] };
  /** A total the analyst expects a value's grand total to equal (e.g. from a publication), checked on each run. */
  expected: { value: number; total: number } | null;
  /**
   * "Protect for publication": which value (a count or a sum of counts) is protected, under which rules; null is off.
   * `together`: published together with the other saved pivots so marked (and any pack), so protected jointly with
   * those of the same source (sdc/pivot-link.ts); absent when not.
   */
  protection: { value: number; rules: SdcRules; together?: true } | null;
  /**
   * The analyst's labels for this pivot's fields (field → label), shown instead of the source's own label or the
   * field's name in its table, chart and exports (query/pivot/field-labels.ts); absent when none.
   */
  labels?: Record<string, string>;
}

export const DEFAULT_FIELD_OPTIONS: FieldOptions = { sortBy: 'label', direction: 'asc', topN: null, subtotals: true };

export function fieldOptions(spec: PivotSpec, field: string): FieldOptions {
  // hasOwn: a field called "constructor" or "toString" must not pick up Object.prototype members.
  return Object.hasOwn(spec.fieldOptions, field) ? (spec.fieldOptions[field] ?? DEFAULT_FIELD_OPTIONS) : DEFAULT_FIELD_OPTIONS;
}
