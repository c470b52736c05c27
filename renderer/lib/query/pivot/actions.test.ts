// Pivot actions: field-moving semantics, value-number fix-ups, no mutation of the input, and a property over random
// edit sequences (every result is a valid spec with no field on both axes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addField,
  addValue,
  moveField,
  removeField,
  removeFilter,
  removeValue,
  setAggregate,
  setFieldOptions,
  setFilter,
  setGrandTotals,
  setNulls,
  setExpectedTotal,
  setProtection,
  setShowAs,
  swapAxes,
  toggleCollapsed,
  type Area,
  type Axis,
} from './actions.ts';
import { parsePivotSpec } from './parse.ts';
import type { PivotSpec } from './spec.ts';
import { parseSdcRules } from '../../sdc/rules.ts';
import { aggregateArb, arbitrarySpec, fieldArb, filterArb, showAsArb } from './test-arbitraries.ts';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const base = (change: Record<string, unknown> = {}): PivotSpec => deepFreeze(parsePivotSpec({ source: { kind: 'table', table: 'nrm' }, ...change }));

const spec = base({
  rows: ['nationality', 'gender'],
  columns: ['quarter'],
  values: [{ field: null, aggregate: 'count' }, { field: 'age', aggregate: 'avg' }, { field: 'age', aggregate: 'max' }],
  filters: [{ field: 'region', op: 'in', values: ['London'] }],
  fieldOptions: {
    nationality: { sortBy: { value: 1 }, topN: { n: 5, value: 2, other: true } },
    gender: { sortBy: { value: 2 }, direction: 'desc', topN: { n: 3, value: 0 } },
  },
  collapsed: { rows: ['["Albania"]', '["Vietnam"]'], columns: [] },
});

describe('actions never mutate their input', () => {
  const snapshot = structuredClone(spec);
  const all: [string, () => PivotSpec][] = [
    ['addField', () => addField(spec, 'columns', 'gender', 0)],
    ['addField filters', () => addField(spec, 'filters', 'age')],
    ['addValue', () => addValue(spec, 'age', 'sum')],
    ['removeField', () => removeField(spec, 'rows', 'nationality')],
    ['removeValue', () => removeValue(spec, 1)],
    ['moveField', () => moveField(spec, 'rows', 'gender', 'rows', 0)],
    ['swapAxes', () => swapAxes(spec)],
    ['setShowAs', () => setShowAs(spec, 0, 'pct_total')],
    ['setAggregate', () => setAggregate(spec, 1, 'median')],
    ['setFilter', () => setFilter(spec, { field: 'region', op: 'eq', values: ['Wales'] })],
    ['removeFilter', () => removeFilter(spec, 'region')],
    ['setFieldOptions', () => setFieldOptions(spec, 'nationality', { subtotals: false })],
    ['toggleCollapsed', () => toggleCollapsed(spec, 'rows', '["Albania"]')],
    ['setGrandTotals', () => setGrandTotals(spec, { rows: false })],
    ['setNulls', () => setNulls(spec, 'hide')],
    ['setExpectedTotal', () => setExpectedTotal(spec, { value: 1, total: 946 })],
  ];
  it.each(all)('%s returns a new, unfrozen spec and leaves the frozen input alone', (_, run) => {
    const next = run();
    expect(next).not.toBe(spec);
    expect(Object.isFrozen(next.rows)).toBe(false);
    expect(next).not.toEqual(snapshot);
    expect(spec).toEqual(snapshot);
  });
});

describe('placing fields', () => {
  it('adds to an axis at the end or at an index, leaving the other axis', () => {
    expect(addField(spec, 'rows', 'region').rows).toEqual(['nationality', 'gender', 'region']);
    expect(addField(spec, 'rows', 'region', 0).rows).toEqual(['region', 'nationality', 'gender']);
    expect(addField(spec, 'rows', 'region', 99).rows).toEqual(['nationality', 'gender', 'region']);
    const moved = addField(spec, 'columns', 'nationality', 0);
    expect(moved.columns).toEqual(['nationality', 'quarter']);
    expect(moved.rows).toEqual(['gender']);
  });

  it('keeps a field in place when added again without an index, and moves it with one', () => {
    expect(addField(spec, 'rows', 'nationality').rows).toEqual(['nationality', 'gender']);
    expect(addField(spec, 'rows', 'nationality', 1).rows).toEqual(['gender', 'nationality']);
  });

  it('adds an empty "in" filter only when the field has none', () => {
    expect(addField(spec, 'filters', 'age').filters).toEqual([spec.filters[0], { field: 'age', op: 'in', values: [] }]);
    expect(addField(spec, 'filters', 'region').filters).toEqual(spec.filters);
    expect(addField(spec, 'filters', 'nationality').rows).toEqual(['nationality', 'gender']);
  });

  it('removes from an axis or the filters', () => {
    expect(removeField(spec, 'rows', 'gender').rows).toEqual(['nationality']);
    expect(removeField(spec, 'filters', 'region').filters).toEqual([]);
    expect(removeField(spec, 'columns', 'gender')).toEqual(spec);
  });

  it('moves within an axis and across, to the final index given', () => {
    expect(moveField(spec, 'rows', 'nationality', 'rows', 1).rows).toEqual(['gender', 'nationality']);
    const across = moveField(spec, 'columns', 'quarter', 'rows', 1);
    expect(across.rows).toEqual(['nationality', 'quarter', 'gender']);
    expect(across.columns).toEqual([]);
    expect(() => moveField(spec, 'columns', 'gender', 'rows', 0)).toThrow(new Error('The field "gender" is not in the pivot\'s columns.'));
  });

  it('swaps rows and columns with their collapsed groups, totals and row/column percentages', () => {
    const s = base({
      rows: ['a', 'b'],
      columns: ['c'],
      values: [{ showAs: 'pct_row' }, { showAs: 'pct_parent_column' }, { showAs: 'running_total' }],
      grandTotals: { rows: false },
      collapsed: { rows: ['["x"]'], columns: [] },
    });
    const swapped = swapAxes(s);
    expect(swapped.rows).toEqual(['c']);
    expect(swapped.columns).toEqual(['a', 'b']);
    expect(swapped.collapsed).toEqual({ rows: [], columns: ['["x"]'] });
    expect(swapped.grandTotals).toEqual({ rows: true, columns: false });
    expect(swapped.values.map((v) => v.showAs)).toEqual(['pct_column', 'pct_parent_row', 'running_total']);
    expect(swapAxes(swapped)).toEqual(s);
  });
});

describe('collapsed groups follow their fields', () => {
  const s = base({ rows: ['a', 'b', 'c'], collapsed: { rows: ['["x"]', '["x","y"]'], columns: ['["q"]'] } });

  it('keeps paths whose leading fields are unchanged and still have a level below', () => {
    expect(addField(s, 'rows', 'd').collapsed.rows).toEqual(['["x"]', '["x","y"]']);
    expect(removeField(s, 'rows', 'c').collapsed.rows).toEqual(['["x"]']);
    expect(moveField(s, 'rows', 'c', 'rows', 1).collapsed.rows).toEqual(['["x"]']);
  });

  it('drops paths when the leading fields change, and leaves the other axis alone', () => {
    const next = moveField(s, 'rows', 'a', 'rows', 2);
    expect(next.collapsed).toEqual({ rows: [], columns: ['["q"]'] });
    expect(addField(s, 'columns', 'b').collapsed.rows).toEqual(['["x"]']);
  });

  it('toggles a path on and off', () => {
    const on = toggleCollapsed(s, 'columns', '["r"]');
    expect(on.collapsed.columns).toEqual(['["q"]', '["r"]']);
    expect(toggleCollapsed(on, 'columns', '["q"]').collapsed.columns).toEqual(['["r"]']);
    expect(() => toggleCollapsed(s, 'rows', 'x')).toThrow('group path written as JSON');
  });
});

describe('values', () => {
  it('adds the same field several times with default labels', () => {
    const next = addValue(addValue(spec, 'referrals', 'sum'), 'referrals', 'avg');
    expect(next.values.slice(3)).toEqual([
      { field: 'referrals', aggregate: 'sum', label: 'Sum of referrals', showAs: 'raw' },
      { field: 'referrals', aggregate: 'avg', label: 'Average of referrals', showAs: 'raw' },
    ]);
    expect(() => addValue(spec, null, 'sum')).toThrow('can only count records');
  });

  it('on removal, drops sorts and top-N on that value and renumbers later ones', () => {
    const next = removeValue(spec, 1);
    expect(next.values.map((v) => v.label)).toEqual(['Count of records', 'Max of age']);
    expect(next.fieldOptions.nationality).toEqual({ sortBy: 'label', direction: 'asc', topN: { n: 5, value: 1, other: true }, subtotals: true });
    expect(next.fieldOptions.gender).toEqual({ sortBy: { value: 1 }, direction: 'desc', topN: { n: 3, value: 0, other: false }, subtotals: true });
    const first = removeValue(spec, 0);
    expect(first.fieldOptions.gender!.topN).toBeNull();
    expect(first.fieldOptions.nationality!.sortBy).toEqual({ value: 0 });
    expect(() => removeValue(spec, 3)).toThrow(new Error('There is no value 3 in the pivot (it has 3).'));
  });

  it('relabels on a new aggregate only when the label was the default', () => {
    expect(setAggregate(spec, 1, 'median').values[1]).toEqual({ field: 'age', aggregate: 'median', label: 'Median of age', showAs: 'raw' });
    const named = base({ values: [{ field: 'age', aggregate: 'avg', label: 'Mean age' }] });
    expect(setAggregate(named, 0, 'max').values[0]!.label).toBe('Mean age');
    expect(() => setAggregate(spec, 0, 'sum')).toThrow('can only count records');
  });

  it('sets how a value is shown', () => {
    expect(setShowAs(spec, 2, 'pct_parent_row').values[2]!.showAs).toBe('pct_parent_row');
    expect(() => setShowAs(spec, -1, 'raw')).toThrow('There is no value -1');
  });
});

describe('filters, options and settings', () => {
  it('replaces the filter for a field in place, or appends', () => {
    const two = setFilter(spec, { field: 'age', op: 'between', values: [18, 25] });
    const replaced = setFilter(two, { field: 'region', op: 'not_null', values: [] });
    expect(replaced.filters).toEqual([
      { field: 'region', op: 'not_null', values: [] },
      { field: 'age', op: 'between', values: [18, 25] },
    ]);
    expect(removeFilter(replaced, 'region').filters).toEqual([{ field: 'age', op: 'between', values: [18, 25] }]);
    expect(() => setFilter(spec, { field: 'age', op: 'between', values: [18] })).toThrow('needs exactly 2 values');
  });

  it('merges field options over the current ones or the defaults', () => {
    expect(setFieldOptions(spec, 'quarter', { direction: 'desc', subtotals: undefined }).fieldOptions.quarter).toEqual({
      sortBy: 'label',
      direction: 'desc',
      topN: null,
      subtotals: true,
    });
    expect(setFieldOptions(spec, 'gender', { topN: null }).fieldOptions.gender).toEqual({ sortBy: { value: 2 }, direction: 'desc', topN: null, subtotals: true });
    expect(setFieldOptions(spec, 'constructor', { subtotals: false }).fieldOptions.constructor).toEqual({ sortBy: 'label', direction: 'asc', topN: null, subtotals: false });
    expect(() => setFieldOptions(spec, 'gender', { sortBy: { value: 3 } })).toThrow('refers to value 3');
  });

  it('sets grand totals and blanks', () => {
    expect(setGrandTotals(spec, { columns: false }).grandTotals).toEqual({ rows: true, columns: false });
    expect(setNulls(spec, 'hide').nulls).toBe('hide');
  });

  it('sets and clears an expected total, which follows its value when an earlier value is removed', () => {
    const withExpected = setExpectedTotal(spec, { value: 1, total: 946 });
    expect(withExpected.expected).toEqual({ value: 1, total: 946 });
    expect(removeValue(withExpected, 0).expected).toEqual({ value: 0, total: 946 });
    expect(removeValue(withExpected, 1).expected).toBeNull();
    expect(setExpectedTotal(withExpected, null).expected).toBeNull();
    expect(() => setExpectedTotal(spec, { value: 9, total: 1 })).toThrow('There is no value 9 in the pivot');
  });

  it('protects a count (not an average), keeps its rules, and turns off when the protected value goes', () => {
    const rules = parseSdcRules({ threshold: 5, roundingBase: 5 });
    const on = setProtection(spec, { value: 0, rules });
    expect(on.protection).toEqual({ value: 0, rules });
    expect(() => setProtection(spec, { value: 1, rules })).toThrow('Disclosure control protects counts; "Average of age" is not a count or a sum.');
    expect(removeValue(on, 0).protection).toBeNull();
    expect(removeValue(setProtection(removeValue(spec, 1), { value: 0, rules }), 1).protection).toEqual({ value: 0, rules });
    const summed = setProtection(base({ values: [{ field: 'referrals', aggregate: 'sum' }] }), { value: 0, rules });
    expect(() => setAggregate(summed, 0, 'median')).toThrow(/Disclosure control protects counts/);
    expect(setProtection(on, null).protection).toBeNull();
  });
});

type Step =
  | ['addField', Area, string, number | undefined]
  | ['removeField', Area, string]
  | ['moveField', Axis, number, Axis, number]
  | ['swapAxes']
  | ['addValue', string | null, Parameters<typeof addValue>[2]]
  | ['removeValue', number]
  | ['setShowAs', number, Parameters<typeof setShowAs>[2]]
  | ['setAggregate', number, Parameters<typeof setAggregate>[2]]
  | ['setFilter', Parameters<typeof setFilter>[1]]
  | ['removeFilter', string]
  | ['sortBy', string, number | null]
  | ['topN', string, number, number]
  | ['toggleCollapsed', Axis, string]
  | ['setGrandTotals', boolean, boolean]
  | ['setNulls', 'show' | 'hide']
  | ['expected', number, number];

const areaArb = fc.constantFrom<Area>('rows', 'columns', 'filters');
const axisArb = fc.constantFrom<Axis>('rows', 'columns');
const indexArb = fc.integer({ min: -1, max: 4 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.tuple(fc.constant('addField' as const), areaArb, fieldArb, fc.option(indexArb, { nil: undefined })),
  fc.tuple(fc.constant('removeField' as const), areaArb, fieldArb),
  fc.tuple(fc.constant('moveField' as const), axisArb, fc.nat(3), axisArb, indexArb),
  fc.tuple(fc.constant('swapAxes' as const)),
  fc.tuple(fc.constant('addValue' as const), fc.option(fieldArb), aggregateArb),
  fc.tuple(fc.constant('removeValue' as const), indexArb),
  fc.tuple(fc.constant('setShowAs' as const), indexArb, showAsArb),
  fc.tuple(fc.constant('setAggregate' as const), indexArb, aggregateArb),
  fc.tuple(fc.constant('setFilter' as const), filterArb),
  fc.tuple(fc.constant('removeFilter' as const), fieldArb),
  fc.tuple(fc.constant('sortBy' as const), fieldArb, fc.option(indexArb)),
  fc.tuple(fc.constant('topN' as const), fieldArb, fc.integer({ min: 1, max: 5 }), indexArb),
  fc.tuple(fc.constant('toggleCollapsed' as const), axisArb, fc.array(fc.constantFrom('x', 'y', 1, null), { minLength: 1, maxLength: 3 }).map((p) => JSON.stringify(p))),
  fc.tuple(fc.constant('setGrandTotals' as const), fc.boolean(), fc.boolean()),
  fc.tuple(fc.constant('setNulls' as const), fc.constantFrom('show' as const, 'hide' as const)),
  fc.tuple(fc.constant('expected' as const), indexArb, fc.integer()),
);

/** Run a step; when its arguments do not fit this spec, hand back the call instead, which must throw. */
function apply(s: PivotSpec, step: Step): { next: PivotSpec } | { invalid: () => PivotSpec } {
  const inRange = (i: number) => i >= 0 && i < s.values.length;
  const ok = (next: () => PivotSpec) => ({ next: next() });
  const bad = (invalid: () => PivotSpec) => ({ invalid });
  switch (step[0]) {
    case 'addField':
      return ok(() => addField(s, step[1], step[2], step[3]));
    case 'removeField':
      return ok(() => removeField(s, step[1], step[2]));
    case 'moveField': {
      const field = s[step[1]][step[2]] ?? 'not placed';
      const run = () => moveField(s, step[1], field, step[3], step[4]);
      return s[step[1]].includes(field) ? ok(run) : bad(run);
    }
    case 'swapAxes':
      return ok(() => swapAxes(s));
    case 'addValue':
      return step[1] === null && step[2] !== 'count' ? bad(() => addValue(s, step[1], step[2])) : ok(() => addValue(s, step[1], step[2]));
    case 'removeValue':
      return inRange(step[1]) ? ok(() => removeValue(s, step[1])) : bad(() => removeValue(s, step[1]));
    case 'setShowAs':
      return inRange(step[1]) ? ok(() => setShowAs(s, step[1], step[2])) : bad(() => setShowAs(s, step[1], step[2]));
    case 'setAggregate': {
      const run = () => setAggregate(s, step[1], step[2]);
      const unprotectable = s.protection?.value === step[1] && step[2] !== 'count' && step[2] !== 'sum';
      return inRange(step[1]) && (s.values[step[1]]!.field !== null || step[2] === 'count') && !unprotectable ? ok(run) : bad(run);
    }
    case 'setFilter':
      return ok(() => setFilter(s, step[1]));
    case 'removeFilter':
      return ok(() => removeFilter(s, step[1]));
    case 'sortBy': {
      const value = step[2];
      const run = () => setFieldOptions(s, step[1], { sortBy: value === null ? 'label' : { value } });
      return value === null || inRange(value) ? ok(run) : bad(run);
    }
    case 'topN': {
      const run = () => setFieldOptions(s, step[1], { topN: { n: step[2], value: step[3], other: true } });
      return inRange(step[3]) ? ok(run) : bad(run);
    }
    case 'toggleCollapsed':
      return ok(() => toggleCollapsed(s, step[1], step[2]));
    case 'setGrandTotals':
      return ok(() => setGrandTotals(s, { rows: step[1], columns: step[2] }));
    case 'setNulls':
      return ok(() => setNulls(s, step[1]));
    case 'expected': {
      const run = () => setExpectedTotal(s, { value: step[1], total: step[2] });
      return inRange(step[1]) ? ok(run) : bad(run);
    }
  }
}

describe('random edit sequences (property)', () => {
  it('always give a valid spec with no field on both axes, never touching the input', () => {
    fc.assert(
      fc.property(arbitrarySpec, fc.array(stepArb, { maxLength: 12 }), (start, steps) => {
        let s = deepFreeze(parsePivotSpec(start));
        for (const step of steps) {
          const before = structuredClone(s);
          const result = apply(s, step);
          if ('invalid' in result) {
            // A plain Error in words, not a TypeError from writing to the frozen input.
            expect(result.invalid).toThrow(expect.objectContaining({ name: 'Error' }));
            continue;
          }
          expect(s).toEqual(before);
          expect(parsePivotSpec(result.next)).toEqual(result.next);
          const placed = [...result.next.rows, ...result.next.columns];
          expect(new Set(placed).size).toBe(placed.length);
          s = deepFreeze(result.next);
        }
      }),
      { numRuns: 300 },
    );
  });
});
