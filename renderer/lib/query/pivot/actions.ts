// Query layer, pure: every edit the analyst can make to a pivot, as a function from one spec to a new one. Keeping
// the rules here (a field sits on one axis only, value numbers in sorts follow a removed value, collapsed groups
// belong to the fields that made them) means the drag-and-drop UI, undo history and tests all share one meaning of
// "move this field", and every result passes parsePivotSpec or the action throws — no invalid spec ever escapes.
import { defaultValueLabel, parsePivotSpec } from './parse.ts';
import { DEFAULT_FIELD_OPTIONS, type Aggregate, type FieldOptions, type PivotFilter, type PivotSpec, type ShowAs } from './spec.ts';

export type Axis = 'rows' | 'columns';
export type Area = Axis | 'filters';

const other = (axis: Axis): Axis => (axis === 'rows' ? 'columns' : 'rows');

/** Edits run on a private deep copy, so callers' specs (often frozen UI state or undo history) are never touched. */
function edit(spec: PivotSpec, change: (next: PivotSpec) => void): PivotSpec {
  const next = structuredClone(spec);
  change(next);
  return parsePivotSpec(next);
}

/**
 * A collapsed key is a path over the axis's first k fields; it still names the same group only while those k fields
 * are unchanged and there is a deeper level left to hide.
 */
function setAxis(next: PivotSpec, axis: Axis, fields: string[]): void {
  const before = next[axis];
  next.collapsed[axis] = next.collapsed[axis].filter((key) => {
    const depth = (JSON.parse(key) as unknown[]).length;
    return depth < before.length && depth < fields.length && before.slice(0, depth).every((f, i) => fields[i] === f);
  });
  next[axis] = fields;
}

function valueAt(spec: PivotSpec, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= spec.values.length) {
    throw new Error(`There is no value ${index} in the pivot (it has ${spec.values.length}).`);
  }
}

function clampIndex(index: number | undefined, length: number): number {
  return index === undefined ? length : Math.max(0, Math.min(Math.trunc(index), length));
}

/**
 * Put a field on rows or columns (leaving the other axis, since a field is on one axis only) at `index`, or at the end;
 * a field already there keeps its place unless an index is given. On filters, add an empty "in" filter unless the
 * field already has one.
 */
export function addField(spec: PivotSpec, area: Area, field: string, index?: number): PivotSpec {
  return edit(spec, (next) => {
    if (area === 'filters') {
      if (!next.filters.some((f) => f.field === field)) next.filters.push({ field, op: 'in', values: [] });
      return;
    }
    const away = other(area);
    if (next[away].includes(field)) setAxis(next, away, next[away].filter((f) => f !== field));
    if (next[area].includes(field) && index === undefined) return;
    const fields = next[area].filter((f) => f !== field);
    fields.splice(clampIndex(index, fields.length), 0, field);
    setAxis(next, area, fields);
  });
}

export function removeField(spec: PivotSpec, area: Area, field: string): PivotSpec {
  if (area === 'filters') return removeFilter(spec, field);
  return edit(spec, (next) => setAxis(next, area, next[area].filter((f) => f !== field)));
}

/** Reorder within an axis or move to the other; `toIndex` is where the field ends up (clamped to the list). */
export function moveField(spec: PivotSpec, fromArea: Axis, field: string, toArea: Axis, toIndex: number): PivotSpec {
  if (!spec[fromArea].includes(field)) throw new Error(`The field "${field}" is not in the pivot's ${fromArea}.`);
  return addField(spec, toArea, field, toIndex);
}

/** Transpose: what was a row is now a column, so totals, collapsed groups and row/column percentages follow. */
export function swapAxes(spec: PivotSpec): PivotSpec {
  const swapShowAs: Partial<Record<ShowAs, ShowAs>> = {
    pct_row: 'pct_column',
    pct_column: 'pct_row',
    pct_parent_row: 'pct_parent_column',
    pct_parent_column: 'pct_parent_row',
  };
  return edit(spec, (next) => {
    [next.rows, next.columns] = [next.columns, next.rows];
    [next.collapsed.rows, next.collapsed.columns] = [next.collapsed.columns, next.collapsed.rows];
    [next.grandTotals.rows, next.grandTotals.columns] = [next.grandTotals.columns, next.grandTotals.rows];
    for (const value of next.values) value.showAs = swapShowAs[value.showAs] ?? value.showAs;
  });
}

/** The same field may be added several times (e.g. sum and average of referrals). */
export function addValue(spec: PivotSpec, field: string | null, aggregate: Aggregate): PivotSpec {
  return edit(spec, (next) => {
    next.values.push({ field, aggregate, label: defaultValueLabel({ field, aggregate }), showAs: 'raw' });
  });
}

/** Sorts and top-N refer to values by number: those on the removed value fall back, later numbers shift down. */
export function removeValue(spec: PivotSpec, index: number): PivotSpec {
  valueAt(spec, index);
  const shift = (i: number): number | null => (i === index ? null : i > index ? i - 1 : i);
  return edit(spec, (next) => {
    next.values.splice(index, 1);
    for (const options of Object.values(next.fieldOptions)) {
      if (typeof options.sortBy === 'object') {
        const to = shift(options.sortBy.value);
        options.sortBy = to === null ? 'label' : { value: to };
      }
      if (options.topN) {
        const to = shift(options.topN.value);
        options.topN = to === null ? null : { ...options.topN, value: to };
      }
    }
    if (next.expected) {
      const to = shift(next.expected.value);
      next.expected = to === null ? null : { ...next.expected, value: to };
    }
    if (next.protection) {
      // Removing the protected value turns protection off (the switch shows it), never onto another value silently.
      const to = shift(next.protection.value);
      next.protection = to === null ? null : { ...next.protection, value: to };
    }
  });
}

/** "Protect for publication" on (a value and its rules) or off (null). */
export function setProtection(spec: PivotSpec, protection: PivotSpec['protection']): PivotSpec {
  if (protection) {
    valueAt(spec, protection.value);
    const v = spec.values[protection.value]!;
    if (v.aggregate !== 'count' && v.aggregate !== 'sum') throw new Error(`Disclosure control protects counts; "${v.label}" is not a count or a sum.`);
  }
  return edit(spec, (next) => {
    next.protection = protection;
  });
}

/** The total a value's grand total should come to (from a publication, say); null clears it. */
export function setExpectedTotal(spec: PivotSpec, expected: PivotSpec['expected']): PivotSpec {
  if (expected) valueAt(spec, expected.value);
  return edit(spec, (next) => {
    next.expected = expected;
  });
}

export function setShowAs(spec: PivotSpec, valueIndex: number, showAs: ShowAs): PivotSpec {
  valueAt(spec, valueIndex);
  return edit(spec, (next) => {
    next.values[valueIndex]!.showAs = showAs;
  });
}

/** A label the analyst typed is kept; a default one follows the aggregate ("Sum of x" becomes "Average of x"). */
export function setAggregate(spec: PivotSpec, valueIndex: number, aggregate: Aggregate): PivotSpec {
  valueAt(spec, valueIndex);
  return edit(spec, (next) => {
    const value = next.values[valueIndex]!;
    if (value.label === defaultValueLabel(value)) value.label = defaultValueLabel({ field: value.field, aggregate });
    value.aggregate = aggregate;
  });
}

/** One filter per field: this replaces any filter on the same field, in its place. */
export function setFilter(spec: PivotSpec, filter: PivotFilter): PivotSpec {
  return edit(spec, (next) => {
    const copy = { field: filter.field, op: filter.op, values: [...filter.values] };
    const i = next.filters.findIndex((f) => f.field === filter.field);
    if (i === -1) next.filters.push(copy);
    else next.filters[i] = copy;
  });
}

export function removeFilter(spec: PivotSpec, field: string): PivotSpec {
  return edit(spec, (next) => {
    next.filters = next.filters.filter((f) => f.field !== field);
  });
}

export function setFieldOptions(spec: PivotSpec, field: string, patch: Partial<FieldOptions>): PivotSpec {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return edit(spec, (next) => {
    // Own entries only: a field called "constructor" must not pick up Object.prototype's.
    const current = Object.hasOwn(next.fieldOptions, field) ? next.fieldOptions[field] : DEFAULT_FIELD_OPTIONS;
    next.fieldOptions = { ...next.fieldOptions, [field]: { ...DEFAULT_FIELD_OPTIONS, ...current, ...changes } };
  });
}

export function toggleCollapsed(spec: PivotSpec, axis: Axis, key: string): PivotSpec {
  return edit(spec, (next) => {
    const keys = next.collapsed[axis];
    next.collapsed[axis] = keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key];
  });
}

export function setGrandTotals(spec: PivotSpec, patch: Partial<PivotSpec['grandTotals']>): PivotSpec {
  return edit(spec, (next) => {
    if (patch.rows !== undefined) next.grandTotals.rows = patch.rows;
    if (patch.columns !== undefined) next.grandTotals.columns = patch.columns;
  });
}

export function setNulls(spec: PivotSpec, mode: PivotSpec['nulls']): PivotSpec {
  return edit(spec, (next) => {
    next.nulls = mode;
  });
}

/** The analyst's label for a field in this pivot ('' goes back to the source's own label). */
export function setFieldLabel(spec: PivotSpec, field: string, label: string): PivotSpec {
  return edit(spec, (next) => {
    const labels = { ...(next.labels ?? {}) };
    if (label.trim()) labels[field] = label.trim();
    else delete labels[field];
    next.labels = labels;
  });
}

/** The analyst's label for a value ('' goes back to the default, which reads as people write it: "Referrals"). */
export function setValueLabel(spec: PivotSpec, valueIndex: number, label: string): PivotSpec {
  return edit(spec, (next) => {
    const value = next.values[valueIndex];
    if (value) value.label = label.trim() || defaultValueLabel(value);
  });
}
