// Query layer, pure: the one gate every pivot spec passes through — from a saved file, from the UI's actions, from
// another version of the workbench. It fills defaults so the rest of the pivot code never meets a missing field, and
// rejects anything it does not fully understand with an error an analyst can read, because a pivot that half-loads
// (a dropped filter, an ignored setting) shows wrong numbers that look right.
import { parseSdcRules } from '../../sdc/rules.ts';
import type { FieldSchema } from './types.ts';
import { DEFAULT_FIELD_OPTIONS, PIVOT_VERSION } from './spec.ts';
import type { Aggregate, FieldOptions, FilterOp, PivotFilter, PivotSource, PivotSpec, PivotValue, Scalar, ShowAs } from './spec.ts';

// Records keyed by the union so adding an aggregate, mode or operator to spec.ts fails typecheck here until handled.
const AGGREGATE_NAMES = {
  count: 'Count', count_distinct: 'Count distinct', sum: 'Sum', avg: 'Average', median: 'Median', min: 'Min', max: 'Max',
} satisfies Record<Aggregate, string>;
const SHOW_AS = {
  raw: 1, pct_row: 1, pct_column: 1, pct_total: 1, pct_parent_row: 1, pct_parent_column: 1,
  diff_previous: 1, pct_change_previous: 1, running_total: 1,
} satisfies Record<ShowAs, 1>;
/** How many values each filter operator takes ('any' for lists). */
const FILTER_ARITY = {
  in: 'any', not_in: 'any', eq: 1, neq: 1, lt: 1, lte: 1, gt: 1, gte: 1, between: 2, contains: 1, is_null: 0, not_null: 0,
} satisfies Record<FilterOp, number | 'any'>;

export const AGGREGATES = Object.keys(AGGREGATE_NAMES) as Aggregate[];
export const SHOW_AS_MODES = Object.keys(SHOW_AS) as ShowAs[];
export const FILTER_OPS = Object.keys(FILTER_ARITY) as FilterOp[];
/** Aggregates the pivot computes over numbers only (its cells are numbers); count and count distinct take any type. */
export const NUMERIC_AGGREGATES: ReadonlySet<Aggregate> = new Set<Aggregate>(['sum', 'avg', 'median', 'min', 'max']);

export function defaultValueLabel(value: Pick<PivotValue, 'field' | 'aggregate'>): string {
  return `${AGGREGATE_NAMES[value.aggregate]} of ${value.field ?? 'records'}`;
}

/** DuckDB type names (as DESCRIBE reports them) that sum/avg/median accept. */
export function isNumericFieldType(type: string): boolean {
  return /^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|FLOAT|DOUBLE|DECIMAL(\(\s*\d+\s*(,\s*\d+\s*)?\))?)$/i.test(type.trim());
}

type Obj = Record<string, unknown>;

const where = (path: string) => (path ? `the pivot's ${path}` : 'the pivot');
const Where = (path: string) => (path ? `The pivot's ${path}` : 'The pivot');
const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
/** Only an absent setting takes its default; an explicit null is a wrong type, not a request for the default. */
const or = (v: unknown, fallback: unknown) => (v === undefined ? fallback : v);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return `${v}`;
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function wrong(path: string, expected: string, v: unknown): never {
  if (v === undefined) throw new Error(`${Where(path)} is missing; it should be ${expected}.`);
  throw new Error(`${Where(path)} should be ${expected}, not ${describe(v)}.`);
}

/** `keys` lists the settings allowed here; 'any' is for records keyed by field name. */
function object(v: unknown, path: string, keys: readonly string[] | 'any'): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) wrong(path, 'an object', v);
  for (const key of Object.keys(v)) {
    if (keys !== 'any' && !keys.includes(key)) {
      throw new Error(`Unknown setting ${JSON.stringify(key)} in ${where(path)}. This file may come from a newer version of the workbench.`);
    }
  }
  return v as Obj;
}

function list(v: unknown, path: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) wrong(path, 'a list', v);
  return v;
}

function text(v: unknown, path: string, expected = 'a name'): string {
  if (typeof v !== 'string' || v === '') wrong(path, expected, v);
  return v;
}

function bool(v: unknown, path: string, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') wrong(path, 'true or false', v);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[], what: string): T {
  if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
  if (typeof v === 'string') throw new Error(`Unknown ${what} ${JSON.stringify(v)} in ${where(path)}; it should be one of ${options.join(', ')}.`);
  return wrong(path, `one of ${options.join(', ')}`, v);
}

/** An index into `values`, checked now so a stale sort or top-N never silently ranks by the wrong measure. */
function valueIndex(v: unknown, path: string, count: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) wrong(path, 'a value number (0 for the first value)', v);
  if (v >= count) {
    const have = count === 0 ? 'the pivot has no values' : `the pivot has only ${count} value${count === 1 ? '' : 's'} (numbered from 0)`;
    throw new Error(`${Where(path)} refers to value ${v}, but ${have}.`);
  }
  return v;
}

function parseSource(v: unknown): PivotSource {
  const kind = oneOf(object(v, 'source', ['kind', 'table', 'name', 'sql']).kind, 'source.kind', ['table', 'query'], 'source kind');
  if (kind === 'table') {
    const o = object(v, 'source', ['kind', 'table']);
    return { kind, table: text(o.table, 'source.table', 'a table name') };
  }
  const o = object(v, 'source', ['kind', 'name', 'sql']);
  return { kind, name: text(o.name, 'source.name'), sql: text(o.sql, 'source.sql', 'the query text') };
}

function fieldList(v: unknown, path: string): string[] {
  return list(v, path).map((f, i) => text(f, `${path}[${i}]`, 'a field name'));
}

function parseValue(v: unknown, path: string): PivotValue {
  const o = object(v, path, ['field', 'aggregate', 'label', 'showAs']);
  const field = or(o.field, null) === null ? null : text(o.field, at(path, 'field'), 'a field name or null');
  const aggregate = oneOf(or(o.aggregate, 'count'), at(path, 'aggregate'), AGGREGATES, 'aggregate');
  if (field === null && aggregate !== 'count') {
    throw new Error(`${Where(path)} has no field, so it can only count records; ${AGGREGATE_NAMES[aggregate].toLowerCase()} needs a field.`);
  }
  const label = o.label === undefined ? defaultValueLabel({ field, aggregate }) : o.label;
  if (typeof label !== 'string') wrong(at(path, 'label'), 'a text', label);
  return { field, aggregate, label, showAs: oneOf(or(o.showAs, 'raw'), at(path, 'showAs'), SHOW_AS_MODES, 'way to show values') };
}

function scalar(v: unknown, path: string): Scalar {
  // -0 becomes 0: JSON cannot keep the sign, and a saved pivot must reopen equal to itself.
  if (typeof v === 'number' && Number.isFinite(v)) return Object.is(v, -0) ? 0 : v;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  return wrong(path, 'a text, a number, true, false or null', v);
}

function parseFilter(v: unknown, path: string): PivotFilter {
  const o = object(v, path, ['field', 'op', 'values']);
  const field = text(o.field, at(path, 'field'), 'a field name');
  const op = oneOf(or(o.op, 'in'), at(path, 'op'), FILTER_OPS, 'filter operator');
  const values = list(o.values, at(path, 'values')).map((x, i) => scalar(x, `${path}.values[${i}]`));
  const arity = FILTER_ARITY[op];
  const what = `${Where(path)} (${op} on "${field}")`;
  if (arity === 2 && values.length !== 2) throw new Error(`${what} needs exactly 2 values, low and high, but has ${values.length}.`);
  if (arity === 1 && values.length !== 1) throw new Error(`${what} needs exactly 1 value, but has ${values.length}.`);
  if (arity === 0 && values.length !== 0) throw new Error(`${what} takes no values, but has ${values.length}.`);
  if (op === 'contains' && typeof values[0] !== 'string') wrong(`${path}.values[0]`, 'the text to look for', values[0]);
  return { field, op, values };
}

function parseFieldOptions(v: unknown, path: string, valueCount: number): FieldOptions {
  const o = object(v, path, ['sortBy', 'direction', 'topN', 'subtotals']);
  let sortBy: FieldOptions['sortBy'] = DEFAULT_FIELD_OPTIONS.sortBy;
  if (typeof o.sortBy === 'object' && o.sortBy !== null && !Array.isArray(o.sortBy)) {
    const s = object(o.sortBy, at(path, 'sortBy'), ['value']);
    sortBy = { value: valueIndex(s.value, at(path, 'sortBy.value'), valueCount) };
  } else if (o.sortBy !== undefined && o.sortBy !== 'label') {
    wrong(at(path, 'sortBy'), '"label" or { "value": n }', o.sortBy);
  }
  let topN: FieldOptions['topN'] = DEFAULT_FIELD_OPTIONS.topN;
  if (o.topN !== undefined && o.topN !== null) {
    const t = object(o.topN, at(path, 'topN'), ['n', 'value', 'other']);
    const n = or(t.n, 10);
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) wrong(at(path, 'topN.n'), 'a whole number of at least 1', n);
    topN = { n, value: valueIndex(or(t.value, 0), at(path, 'topN.value'), valueCount), other: bool(t.other, at(path, 'topN.other'), false) };
  }
  return {
    sortBy,
    direction: oneOf(or(o.direction, DEFAULT_FIELD_OPTIONS.direction), at(path, 'direction'), ['asc', 'desc'], 'sort direction'),
    topN,
    subtotals: bool(o.subtotals, at(path, 'subtotals'), DEFAULT_FIELD_OPTIONS.subtotals),
  };
}

/** A collapsed key is the JSON of a group path; anything else could never match a group and would be kept forever. */
function collapsedKeys(v: unknown, path: string): string[] {
  return list(v, path).map((key, i) => {
    let parsed: unknown;
    try {
      parsed = typeof key === 'string' ? JSON.parse(key) : undefined;
    } catch {
      parsed = undefined;
    }
    const ok = Array.isArray(parsed) && parsed.length > 0 && parsed.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x));
    if (!ok) wrong(`${path}[${i}]`, 'a group path written as JSON, e.g. ["2023","Q4"]', key);
    return key as string;
  });
}

export function parsePivotSpec(input: unknown): PivotSpec {
  const o = object(input, '', ['version', 'source', 'rows', 'columns', 'values', 'filters', 'fieldOptions', 'grandTotals', 'nulls', 'collapsed', 'expected', 'protection', 'labels']);
  const version = or(o.version, PIVOT_VERSION);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) wrong('version', 'a whole number from 1', version);
  if (version > PIVOT_VERSION) {
    throw new Error(`This pivot was saved by a newer version of the workbench (pivot format ${version}; this version reads up to ${PIVOT_VERSION}). Update the workbench to open it.`);
  }
  const source = parseSource(o.source);
  const rows = fieldList(o.rows, 'rows');
  const columns = fieldList(o.columns, 'columns');
  const seen = new Set<string>();
  for (const field of [...rows, ...columns]) {
    if (seen.has(field)) throw new Error(`The field "${field}" is used twice in the pivot's rows and columns; a field can be placed only once.`);
    seen.add(field);
  }
  const values = list(o.values, 'values').map((v, i) => parseValue(v, `values[${i}]`));
  const filters = list(o.filters, 'filters').map((f, i) => parseFilter(f, `filters[${i}]`));
  const filtered = new Set<string>();
  for (const { field } of filters) {
    if (filtered.has(field)) throw new Error(`The pivot has two filters on "${field}"; combine them into one.`);
    filtered.add(field);
  }
  const options = object(or(o.fieldOptions, {}), 'fieldOptions', 'any');
  const fieldOptions = Object.fromEntries(
    Object.entries(options).map(([field, v]) => [field, parseFieldOptions(v, `fieldOptions[${JSON.stringify(field)}]`, values.length)]),
  );
  const totals = object(or(o.grandTotals, {}), 'grandTotals', ['rows', 'columns']);
  const collapsed = object(or(o.collapsed, {}), 'collapsed', ['rows', 'columns']);
  return {
    version: PIVOT_VERSION,
    source,
    rows,
    columns,
    values,
    filters,
    fieldOptions,
    grandTotals: { rows: bool(totals.rows, 'grandTotals.rows', true), columns: bool(totals.columns, 'grandTotals.columns', true) },
    nulls: oneOf(or(o.nulls, 'show'), 'nulls', ['show', 'hide'], 'setting for blanks'),
    collapsed: { rows: collapsedKeys(collapsed.rows, 'collapsed.rows'), columns: collapsedKeys(collapsed.columns, 'collapsed.columns') },
    expected: parseExpected(o.expected, values.length),
    protection: parseProtection(o.protection, values),
    ...parseLabels(o.labels),
  };
}

/** The analyst's field labels: texts by field name; blank ones are dropped (the field shows its own label). */
function parseLabels(v: unknown): Pick<PivotSpec, 'labels'> {
  if (v === undefined) return {};
  const entries = Object.entries(object(v, 'labels', 'any')).map(([field, label]) => {
    if (typeof label !== 'string') wrong(`labels[${JSON.stringify(field)}]`, 'a text', label);
    return [field, label.trim()] as const;
  });
  const kept = entries.filter(([, label]) => label !== '');
  return kept.length ? { labels: Object.fromEntries(kept) } : {};
}

function parseProtection(v: unknown, values: PivotValue[]): PivotSpec['protection'] {
  if (v === undefined || v === null) return null;
  const o = object(v, 'protection', ['value', 'rules', 'together']);
  if (o.together !== undefined && typeof o.together !== 'boolean') wrong('protection.together', 'true or false', o.together);
  const k = valueIndex(o.value, 'protection.value', values.length);
  const aggregate = values[k]!.aggregate;
  if (aggregate !== 'count' && aggregate !== 'sum') {
    throw new Error(`Disclosure control protects counts: "${values[k]!.label}" is ${aggregate === 'count_distinct' ? 'a count distinct' : `a ${aggregate}`}, so choose a Count or a Sum (of a count such as referrals) to protect.`);
  }
  return { value: k, rules: parseSdcRules(o.rules), ...(o.together === true ? { together: true as const } : {}) };
}

function parseExpected(v: unknown, count: number): PivotSpec['expected'] {
  if (v === undefined || v === null) return null;
  const o = object(v, 'expected', ['value', 'total']);
  if (typeof o.total !== 'number' || !Number.isFinite(o.total)) wrong('expected.total', 'a number', o.total);
  return { value: valueIndex(o.value, 'expected.value', count), total: o.total };
}

/** Canonical JSON (validated, keys in a fixed order) so saving the same pivot twice gives the same file and clean diffs. */
export function serializePivotSpec(spec: PivotSpec): string {
  const canonical = parsePivotSpec(spec);
  const byField = Object.entries(canonical.fieldOptions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  canonical.fieldOptions = Object.fromEntries(byField);
  return JSON.stringify(canonical, null, 2);
}

/** Problems a spec has against its source's columns, in words; [] when it can run. */
export function validateAgainstSchema(spec: PivotSpec, fields: readonly FieldSchema[]): string[] {
  const types = new Map(fields.map((f) => [f.name, f.type]));
  const sourceName = spec.source.kind === 'table' ? spec.source.table : spec.source.name;
  const problems: string[] = [];
  const used = [...spec.rows, ...spec.columns, ...spec.values.flatMap((v) => (v.field === null ? [] : [v.field])), ...spec.filters.map((f) => f.field)];
  for (const field of new Set(used)) {
    if (types.has(field)) continue;
    // DuckDB matches names case-insensitively but the pivot does not, so say which spelling the source uses.
    const near = fields.find((f) => f.name.toLowerCase() === field.toLowerCase());
    problems.push(`The field "${field}" is not in ${sourceName}.${near ? ` Did you mean "${near.name}"?` : ''}`);
  }
  for (const value of spec.values) {
    const type = value.field === null ? undefined : types.get(value.field);
    if (type !== undefined && NUMERIC_AGGREGATES.has(value.aggregate) && !isNumericFieldType(type)) {
      problems.push(`${defaultValueLabel(value)} needs a number field, but "${value.field}" is ${type}.`);
    }
  }
  return [...new Set(problems)];
}
