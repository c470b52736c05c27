// Parsing saved pivots: defaults, every rejection an analyst could meet (checked word for word), exact round trips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultValueLabel, isNumericFieldType, parsePivotSpec, serializePivotSpec, validateAgainstSchema } from './parse.ts';
import { PIVOT_VERSION, type PivotSpec } from './spec.ts';
import { arbitrarySpec } from './test-arbitraries.ts';

const source = { kind: 'table', table: 'nrm_referrals_2023q4_detail' } as const;

/** A full spec using most settings, as a saved file would hold it. */
const rich: PivotSpec = {
  version: 1,
  source: { kind: 'query', name: 'Adults only', sql: "SELECT * FROM nrm WHERE age_group = 'Adult'" },
  rows: ['nationality', 'gender'],
  columns: ['quarter'],
  values: [
    { field: null, aggregate: 'count', label: 'Referrals', showAs: 'raw' },
    { field: 'age', aggregate: 'median', label: 'Median of age', showAs: 'pct_column' },
  ],
  filters: [
    { field: 'first_responder', op: 'not_in', values: ['Home Office', null] },
    { field: 'age', op: 'between', values: [18, 65] },
    { field: 'exploitation', op: 'contains', values: ['labour'] },
    { field: 'gender', op: 'not_null', values: [] },
  ],
  fieldOptions: {
    nationality: { sortBy: { value: 0 }, direction: 'desc', topN: { n: 10, value: 0, other: true }, subtotals: false },
    gender: { sortBy: 'label', direction: 'asc', topN: null, subtotals: true },
  },
  grandTotals: { rows: false, columns: true },
  nulls: 'hide',
  collapsed: { rows: ['["Albania"]', '[null]'], columns: [] },
  expected: { value: 0, total: 4141 },
  protection: { value: 0, rules: { version: 1, threshold: 10, suppressZeros: true, roundingBase: 5, roundingMethod: 'nearest', percentages: 'from-protected', protection: { upperPercent: 10, lowerPercent: 10, minimum: 1, width: 1 }, mode: 'optimal' } },
};

/** Parse `rich` with one part replaced, expecting the given message exactly. */
function rejects(change: Record<string, unknown>, message: string | RegExp): void {
  expect(() => parsePivotSpec({ ...rich, ...change })).toThrow(typeof message === 'string' ? new Error(message) : message);
}

describe('parsePivotSpec defaults', () => {
  it('fills every optional setting', () => {
    expect(parsePivotSpec({ source })).toEqual({
      version: PIVOT_VERSION,
      source,
      rows: [],
      columns: [],
      values: [],
      filters: [],
      fieldOptions: {},
      grandTotals: { rows: true, columns: true },
      nulls: 'show',
      collapsed: { rows: [], columns: [] },
      expected: null,
      protection: null,
    });
  });

  it('fills value labels, showAs, partial totals, partial field options and filter ops', () => {
    const spec = parsePivotSpec({
      source,
      values: [{ field: 'referrals', aggregate: 'sum' }, {}, { field: 'x', aggregate: 'avg', label: 'Mean x' }],
      filters: [{ field: 'gender' }],
      fieldOptions: { gender: { direction: 'desc' }, quarter: { topN: { n: 3 } } },
      grandTotals: { columns: false },
      collapsed: { columns: ['["2023"]'] },
    });
    expect(spec.values).toEqual([
      { field: 'referrals', aggregate: 'sum', label: 'Sum of referrals', showAs: 'raw' },
      { field: null, aggregate: 'count', label: 'Count of records', showAs: 'raw' },
      { field: 'x', aggregate: 'avg', label: 'Mean x', showAs: 'raw' },
    ]);
    expect(spec.filters).toEqual([{ field: 'gender', op: 'in', values: [] }]);
    expect(spec.fieldOptions).toEqual({
      gender: { sortBy: 'label', direction: 'desc', topN: null, subtotals: true },
      quarter: { sortBy: 'label', direction: 'asc', topN: { n: 3, value: 0, other: false }, subtotals: true },
    });
    expect(spec.grandTotals).toEqual({ rows: true, columns: false });
    expect(spec.collapsed).toEqual({ rows: [], columns: ['["2023"]'] });
  });

  it('names values after their aggregate', () => {
    expect(defaultValueLabel({ field: 'referrals', aggregate: 'sum' })).toBe('Sum of referrals');
    expect(defaultValueLabel({ field: null, aggregate: 'count' })).toBe('Count of records');
    expect(defaultValueLabel({ field: 'gender', aggregate: 'count' })).toBe('Count of gender');
    expect(defaultValueLabel({ field: 'nationality', aggregate: 'count_distinct' })).toBe('Count distinct of nationality');
    expect(defaultValueLabel({ field: 'x', aggregate: 'avg' })).toBe('Average of x');
    expect(defaultValueLabel({ field: 'x', aggregate: 'median' })).toBe('Median of x');
    expect(defaultValueLabel({ field: 'x', aggregate: 'min' })).toBe('Min of x');
    expect(defaultValueLabel({ field: 'x', aggregate: 'max' })).toBe('Max of x');
  });

  it('returns fresh objects, never the input', () => {
    const input = structuredClone(rich);
    const spec = parsePivotSpec(input);
    expect(spec).toEqual(rich);
    expect(spec.rows).not.toBe(input.rows);
    expect(spec.filters[0]!.values).not.toBe(input.filters[0]!.values);
  });
});

describe('parsePivotSpec rejections', () => {
  const newer = 'This file may come from a newer version of the workbench.';

  it('rejects unknown settings at every level', () => {
    rejects({ colour: 'red' }, `Unknown setting "colour" in the pivot. ${newer}`);
    rejects({ values: [{ field: 'a', colour: 'red' }] }, `Unknown setting "colour" in the pivot's values[0]. ${newer}`);
    rejects({ filters: [{ field: 'a', negate: true }] }, `Unknown setting "negate" in the pivot's filters[0]. ${newer}`);
    rejects({ source: { kind: 'table', table: 't', schema: 'main' } }, `Unknown setting "schema" in the pivot's source. ${newer}`);
    rejects({ fieldOptions: { a: { wrap: true } } }, `Unknown setting "wrap" in the pivot's fieldOptions["a"]. ${newer}`);
    rejects({ fieldOptions: { a: { topN: { n: 1, value: 0, bottom: true } } } }, `Unknown setting "bottom" in the pivot's fieldOptions["a"].topN. ${newer}`);
    rejects({ grandTotals: { rows: true, average: true } }, `Unknown setting "average" in the pivot's grandTotals. ${newer}`);
    rejects({ collapsed: { rows: [], pages: [] } }, `Unknown setting "pages" in the pivot's collapsed. ${newer}`);
  });

  it('rejects wrong types', () => {
    expect(() => parsePivotSpec('pivot')).toThrow(new Error('The pivot should be an object, not the text "pivot".'));
    expect(() => parsePivotSpec(null)).toThrow(new Error('The pivot should be an object, not null.'));
    rejects({ rows: 'nationality' }, 'The pivot\'s rows should be a list, not the text "nationality".');
    rejects({ columns: [1] }, "The pivot's columns[0] should be a field name, not the number 1.");
    rejects({ rows: [''] }, 'The pivot\'s rows[0] should be a field name, not the text "".');
    rejects({ values: [{ field: 3 }] }, "The pivot's values[0].field should be a field name or null, not the number 3.");
    rejects({ values: [{ field: 'a', label: 5 }] }, "The pivot's values[0].label should be a text, not the number 5.");
    rejects({ grandTotals: { rows: 'yes' } }, 'The pivot\'s grandTotals.rows should be true or false, not the text "yes".');
    rejects({ version: null }, "The pivot's version should be a whole number from 1, not null.");
    rejects({ version: 0.5 }, "The pivot's version should be a whole number from 1, not the number 0.5.");
    rejects({ filters: [{ field: 'a', values: [{}] }] }, "The pivot's filters[0].values[0] should be a text, a number, true, false or null, not an object.");
    rejects({ fieldOptions: { a: { sortBy: 'size' } } }, 'The pivot\'s fieldOptions["a"].sortBy should be "label" or { "value": n }, not the text "size".');
    rejects({ fieldOptions: { a: { sortBy: { value: 0.5 } } } }, 'The pivot\'s fieldOptions["a"].sortBy.value should be a value number (0 for the first value), not the number 0.5.');
    rejects({ fieldOptions: [] }, "The pivot's fieldOptions should be an object, not a list.");
    rejects({ collapsed: { rows: ['Albania'] } }, 'The pivot\'s collapsed.rows[0] should be a group path written as JSON, e.g. ["2023","Q4"], not the text "Albania".');
    rejects({ collapsed: { rows: ['[]'] } }, 'The pivot\'s collapsed.rows[0] should be a group path written as JSON, e.g. ["2023","Q4"], not the text "[]".');
    rejects({ source: undefined }, "The pivot's source is missing; it should be an object.");
  });

  it('rejects unknown aggregates, ways to show values, operators and modes', () => {
    rejects({ values: [{ field: 'a', aggregate: 'mean' }] }, 'Unknown aggregate "mean" in the pivot\'s values[0].aggregate; it should be one of count, count_distinct, sum, avg, median, min, max.');
    rejects({ values: [{ field: 'a', showAs: 'pct_grand' }] }, /^Unknown way to show values "pct_grand" in the pivot's values\[0\]\.showAs; it should be one of raw, pct_row, .*, running_total\.$/);
    rejects({ filters: [{ field: 'a', op: 'like' }] }, /^Unknown filter operator "like" in the pivot's filters\[0\]\.op; it should be one of in, not_in, .*, not_null\.$/);
    rejects({ nulls: 'drop' }, 'Unknown setting for blanks "drop" in the pivot\'s nulls; it should be one of show, hide.');
    rejects({ fieldOptions: { a: { direction: 'up' } } }, 'Unknown sort direction "up" in the pivot\'s fieldOptions["a"].direction; it should be one of asc, desc.');
    rejects({ values: [{ field: null, aggregate: 'sum' }] }, "The pivot's values[0] has no field, so it can only count records; sum needs a field.");
  });

  it('rejects a newer version', () => {
    rejects({ version: PIVOT_VERSION + 1 }, `This pivot was saved by a newer version of the workbench (pivot format ${PIVOT_VERSION + 1}; this version reads up to ${PIVOT_VERSION}). Update the workbench to open it.`);
  });

  it('rejects a field placed twice, and two filters on one field', () => {
    rejects({ rows: ['gender'], columns: ['gender'] }, 'The field "gender" is used twice in the pivot\'s rows and columns; a field can be placed only once.');
    rejects({ rows: ['a', 'a'] }, 'The field "a" is used twice in the pivot\'s rows and columns; a field can be placed only once.');
    rejects({ filters: [{ field: 'a' }, { field: 'a', op: 'eq', values: [1] }] }, 'The pivot has two filters on "a"; combine them into one.');
  });

  it('rejects bad top-N and value numbers out of range', () => {
    const options = (o: unknown) => ({ fieldOptions: { nationality: o } });
    rejects(options({ topN: { n: 0, value: 0 } }), 'The pivot\'s fieldOptions["nationality"].topN.n should be a whole number of at least 1, not the number 0.');
    rejects(options({ topN: { n: 2.5, value: 0 } }), 'The pivot\'s fieldOptions["nationality"].topN.n should be a whole number of at least 1, not the number 2.5.');
    rejects(options({ topN: { n: 5, value: 2 } }), 'The pivot\'s fieldOptions["nationality"].topN.value refers to value 2, but the pivot has only 2 values (numbered from 0).');
    rejects(options({ sortBy: { value: 7 } }), 'The pivot\'s fieldOptions["nationality"].sortBy.value refers to value 7, but the pivot has only 2 values (numbered from 0).');
    rejects({ values: [], ...options({ sortBy: { value: 0 } }) }, 'The pivot\'s fieldOptions["nationality"].sortBy.value refers to value 0, but the pivot has no values.');
    rejects({ values: [{}], ...options({ sortBy: { value: 1 } }) }, 'The pivot\'s fieldOptions["nationality"].sortBy.value refers to value 1, but the pivot has only 1 value (numbered from 0).');
    rejects({ expected: { value: 2, total: 5 } }, "The pivot's expected.value refers to value 2, but the pivot has only 2 values (numbered from 0).");
    rejects({ expected: { value: 0, total: '946' } }, /expected\.total should be a number/);
    rejects({ expected: { value: 0, total: 946, note: 'x' } }, /Unknown setting "note" in/);
    rejects({ protection: { value: 1, rules: {} } }, 'Disclosure control protects counts: "Median of age" is a median, so choose a Count or a Sum (of a count such as referrals) to protect.');
    rejects({ protection: { value: 0, rules: { threshold: 0 } } }, /threshold must be a whole number of at least 1/);
  });

  it('rejects filters with the wrong number of values', () => {
    rejects({ filters: [{ field: 'age', op: 'between', values: [18] }] }, "The pivot's filters[0] (between on \"age\") needs exactly 2 values, low and high, but has 1.");
    rejects({ filters: [{ field: 'age', op: 'between', values: [1, 2, 3] }] }, "The pivot's filters[0] (between on \"age\") needs exactly 2 values, low and high, but has 3.");
    rejects({ filters: [{ field: 'age', op: 'gt', values: [] }] }, "The pivot's filters[0] (gt on \"age\") needs exactly 1 value, but has 0.");
    rejects({ filters: [{ field: 'age', op: 'is_null', values: [1] }] }, "The pivot's filters[0] (is_null on \"age\") takes no values, but has 1.");
    rejects({ filters: [{ field: 'name', op: 'contains', values: [3] }] }, "The pivot's filters[0].values[0] should be the text to look for, not the number 3.");
  });

  it('rejects sources that are neither a table nor a named query', () => {
    rejects({ source: { kind: 'file', path: 'x.csv' } }, `Unknown setting "path" in the pivot's source. ${newer}`);
    rejects({ source: { kind: 'file' } }, 'Unknown source kind "file" in the pivot\'s source.kind; it should be one of table, query.');
    rejects({ source: { kind: 'table', name: 'x', sql: 'SELECT 1' } }, `Unknown setting "name" in the pivot's source. ${newer}`);
    rejects({ source: { kind: 'table' } }, "The pivot's source.table is missing; it should be a table name.");
    rejects({ source: { kind: 'query', name: 'q' } }, "The pivot's source.sql is missing; it should be the query text.");
    rejects({ source: { kind: 'query', sql: 'SELECT 1' } }, "The pivot's source.name is missing; it should be a name.");
  });
});

describe('serializePivotSpec', () => {
  it('reopens a saved pivot exactly', () => {
    expect(parsePivotSpec(JSON.parse(serializePivotSpec(rich)))).toEqual(rich);
  });

  it('writes stable JSON with 2-space indents, whatever order the keys were set in', () => {
    const reordered = { ...rich, fieldOptions: { gender: rich.fieldOptions.gender!, nationality: rich.fieldOptions.nationality! } };
    const backwards = Object.fromEntries(Object.entries(reordered).reverse()) as unknown as PivotSpec;
    expect(serializePivotSpec(backwards)).toBe(serializePivotSpec(rich));
    expect(serializePivotSpec(rich)).toMatch(/^\{\n {2}"version": 1,\n {2}"source": \{\n {4}"kind": "query",/);
  });

  it('refuses to save an invalid spec', () => {
    expect(() => serializePivotSpec({ ...rich, rows: ['quarter'] })).toThrow('used twice');
  });

  it('round-trips any valid spec (property)', () => {
    fc.assert(
      fc.property(arbitrarySpec, (spec) => {
        const parsed = parsePivotSpec(spec);
        expect(parsePivotSpec(JSON.parse(serializePivotSpec(parsed)))).toEqual(parsed);
      }),
    );
  });
});

describe('validateAgainstSchema', () => {
  const fields = [
    { name: 'nationality', type: 'VARCHAR' },
    { name: 'referrals', type: 'BIGINT' },
    { name: 'age', type: 'DECIMAL(5,1)' },
    { name: 'referral_date', type: 'DATE' },
  ];
  const spec = (change: Partial<PivotSpec>) => parsePivotSpec({ source, ...change });

  it('passes a spec that fits its source', () => {
    const ok = spec({ rows: ['nationality'], columns: ['referral_date'], values: [{ field: 'referrals', aggregate: 'sum' }, { field: 'age', aggregate: 'median' }, { field: 'age', aggregate: 'max' }, { field: 'referral_date', aggregate: 'count_distinct' }, {}] } as never);
    expect(validateAgainstSchema(ok, fields)).toEqual([]);
  });

  it('names fields missing from the source, once each, wherever they are used', () => {
    const bad = spec({ rows: ['nationalty'], values: [{ field: 'nationalty', aggregate: 'count' }], filters: [{ field: 'gender', op: 'in', values: [] }] } as never);
    expect(validateAgainstSchema(bad, fields)).toEqual([
      'The field "nationalty" is not in nrm_referrals_2023q4_detail.',
      'The field "gender" is not in nrm_referrals_2023q4_detail.',
    ]);
    const query = parsePivotSpec({ source: { kind: 'query', name: 'Adults', sql: 'SELECT 1' }, columns: ['Nationality'] });
    expect(validateAgainstSchema(query, fields)).toEqual(['The field "Nationality" is not in Adults. Did you mean "nationality"?']);
  });

  it('flags sums, averages, medians, minima and maxima of non-numbers (the pivot cells are numbers)', () => {
    const bad = spec({ values: [{ field: 'nationality', aggregate: 'sum' }, { field: 'referral_date', aggregate: 'avg' }, { field: 'referral_date', aggregate: 'min' }] } as never);
    expect(validateAgainstSchema(bad, fields)).toEqual([
      'Sum of nationality needs a number field, but "nationality" is VARCHAR.',
      'Average of referral_date needs a number field, but "referral_date" is DATE.',
      'Min of referral_date needs a number field, but "referral_date" is DATE.',
    ]);
  });

  it('knows DuckDB numeric type names', () => {
    for (const t of ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL(18,3)', 'DECIMAL', 'integer']) {
      expect(isNumericFieldType(t), t).toBe(true);
    }
    for (const t of ['VARCHAR', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'INTERVAL', 'INTEGER[]', 'STRUCT(a INTEGER)', 'UUID']) {
      expect(isNumericFieldType(t), t).toBe(false);
    }
  });
});
