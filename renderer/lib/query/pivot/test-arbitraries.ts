// Test support only (imported by the pivot's *.test.ts, never by the app): fast-check generators for small valid pivot
// specs, shared so the parse and action properties explore the same space. The field pool includes awkward names
// ("constructor", quotes, spaces) because those are the ones that break record lookups and quoting.
import { parseSdcRules } from '../../sdc/rules.ts';
import fc from 'fast-check';
import { AGGREGATES, FILTER_OPS, SHOW_AS_MODES, defaultValueLabel } from './parse.ts';
import type { FieldOptions, FilterOp, PivotFilter, PivotSpec, PivotValue, Scalar } from './spec.ts';

export const FIELD_POOL = ['nationality', 'gender', 'age', 'quarter', 'region', 'constructor', 'odd "name" '];

export const fieldArb = fc.constantFrom(...FIELD_POOL);
export const aggregateArb = fc.constantFrom(...AGGREGATES);
export const showAsArb = fc.constantFrom(...SHOW_AS_MODES);
export const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

export const valueArb: fc.Arbitrary<PivotValue> = fc
  .record({ field: fc.option(fieldArb), aggregate: aggregateArb, showAs: showAsArb, label: fc.option(fc.string({ maxLength: 8 })) })
  .map(({ field, aggregate, showAs, label }) => {
    const agg = field === null ? 'count' : aggregate;
    return { field, aggregate: agg, showAs, label: label ?? defaultValueLabel({ field, aggregate: agg }) };
  });

const ARITY: Partial<Record<FilterOp, number>> = { between: 2, is_null: 0, not_null: 0, in: -1, not_in: -1 };

export const filterArb: fc.Arbitrary<PivotFilter> = fc
  .tuple(fieldArb, fc.constantFrom(...FILTER_OPS), fc.array(scalarArb, { maxLength: 3 }), scalarArb, fc.string({ maxLength: 4 }))
  .map(([field, op, list, one, text]) => {
    const arity = ARITY[op] ?? 1;
    const values = op === 'contains' ? [text] : arity === -1 ? list : arity === 2 ? [one, list[0] ?? one] : arity === 1 ? [one] : [];
    return { field, op, values };
  });

export const fieldOptionsArb = (valueCount: number): fc.Arbitrary<FieldOptions> => {
  const index = valueCount === 0 ? fc.constant(null) : fc.option(fc.nat({ max: valueCount - 1 }));
  return fc
    .record({ sortBy: index, direction: fc.constantFrom('asc' as const, 'desc' as const), top: index, n: fc.integer({ min: 1, max: 20 }), other: fc.boolean(), subtotals: fc.boolean() })
    .map(({ sortBy, direction, top, n, other, subtotals }) => ({
      sortBy: sortBy === null ? 'label' : { value: sortBy },
      direction,
      topN: top === null ? null : { n, value: top, other },
      subtotals,
    }));
};

const collapsedArb = fc.array(fc.array(scalarArb, { minLength: 1, maxLength: 3 }).map((path) => JSON.stringify(path)), { maxLength: 3 });

/** A valid spec: each field on at most one axis, value numbers in range, one filter per field. */
export const arbitrarySpec: fc.Arbitrary<PivotSpec> = fc
  .record({
    placed: fc.shuffledSubarray(FIELD_POOL, { maxLength: 5 }),
    split: fc.nat({ max: 5 }),
    values: fc.array(valueArb, { maxLength: 4 }),
    filters: fc.uniqueArray(filterArb, { selector: (f) => f.field, maxLength: 3 }),
    source: fc.oneof(
      fc.record({ kind: fc.constant('table' as const), table: fc.constantFrom('nrm', 'nrm_referrals_2023q4_detail') }),
      fc.record({ kind: fc.constant('query' as const), name: fc.constant('Adults'), sql: fc.constant('SELECT 1') }),
    ),
    grandTotals: fc.record({ rows: fc.boolean(), columns: fc.boolean() }),
    nulls: fc.constantFrom('show' as const, 'hide' as const),
    collapsed: fc.record({ rows: collapsedArb, columns: collapsedArb }),
    expectedTotal: fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: null }),
  })
  .chain((s) =>
    fc.dictionary(fieldArb, fieldOptionsArb(s.values.length), { maxKeys: 3, noNullPrototype: true }).map((fieldOptions) => ({
      version: 1 as const,
      source: s.source,
      rows: s.placed.slice(0, s.split),
      columns: s.placed.slice(s.split),
      values: s.values,
      filters: s.filters,
      fieldOptions,
      grandTotals: s.grandTotals,
      nulls: s.nulls,
      collapsed: s.collapsed,
      expected: s.expectedTotal === null || s.values.length === 0 ? null : { value: s.values.length - 1, total: s.expectedTotal },
      protection: s.values[0]?.aggregate === 'count' && s.expectedTotal !== null ? { value: 0, rules: parseSdcRules({ threshold: 1 + (Math.abs(s.expectedTotal) % 20) }) } : null,
    })),
  );
