// Labels instead of database names: the analyst's per pivot, else the source's manifest, else a readable name; values
// as people write them ("Referrals", not "Sum of referrals_2011"), a typed value label kept as typed.
import { describe, expect, it } from 'vitest';
import { fieldLabel, peopleValueLabel, readableName, valueLabel } from './field-labels.ts';
import { setFieldLabel, setValueLabel } from './actions.ts';
import { parsePivotSpec, serializePivotSpec } from './parse.ts';

const manifest = { fields: { referrals_2011: 'Referrals in 2011', police_region: 'Police region' }, records: 'Referrals' };

describe('field labels', () => {
  it('makes a readable label of a database name, keeping acronyms', () => {
    expect(readableName('age_at_exploitation')).toBe('Age at exploitation');
    expect(readableName('referrals_2011')).toBe('Referrals 2011');
    expect(readableName('nrmCaseId')).toBe('NRM case ID');
    expect(readableName('ocg_reference')).toBe('OCG reference');
    expect(readableName('YEAR')).toBe('Year');
  });

  it("prefers the analyst's label for this pivot, then the manifest's, then the readable name", () => {
    const spec = parsePivotSpec({ source: { kind: 'table', table: 't' }, labels: { police_region: 'Region (ACPO)' } });
    expect(fieldLabel('police_region', spec, manifest)).toBe('Region (ACPO)');
    expect(fieldLabel('referrals_2011', spec, manifest)).toBe('Referrals in 2011');
    expect(fieldLabel('first_responder_type', spec, manifest)).toBe('First responder type');
    expect(fieldLabel('constructor', spec)).toBe('Constructor');
  });

  it('reads a value as people write it, and keeps a label the analyst typed', () => {
    const spec = parsePivotSpec({ source: { kind: 'table', table: 't' } });
    expect(peopleValueLabel({ field: 'referrals_2011', aggregate: 'sum', showAs: 'raw' }, spec, manifest)).toBe('Referrals in 2011');
    expect(peopleValueLabel({ field: null, aggregate: 'count', showAs: 'raw' }, spec, manifest)).toBe('Referrals');
    expect(peopleValueLabel({ field: null, aggregate: 'count', showAs: 'raw' }, spec)).toBe('Records');
    expect(peopleValueLabel({ field: 'age', aggregate: 'avg', showAs: 'raw' }, spec)).toBe('Average age');
    expect(peopleValueLabel({ field: 'referrals', aggregate: 'sum', showAs: 'pct_row' }, spec)).toBe('Referrals (% of row total)');
    expect(peopleValueLabel({ field: 'nrm_cases', aggregate: 'count_distinct', showAs: 'raw' }, spec)).toBe('Distinct count of NRM cases');
    // A stored default ("Sum of referrals_2011") is not the analyst's; anything else is.
    expect(valueLabel({ field: 'referrals_2011', aggregate: 'sum', label: 'Sum of referrals_2011', showAs: 'raw' }, spec, manifest)).toBe('Referrals in 2011');
    expect(valueLabel({ field: 'referrals_2011', aggregate: 'sum', label: 'Potential victims', showAs: 'raw' }, spec, manifest)).toBe('Potential victims');
  });

  it('saves the labels with the pivot, drops blank ones, and refuses a label that is not text', () => {
    const spec = parsePivotSpec({ source: { kind: 'table', table: 't' }, labels: { year: ' Year of referral ', quarter: '  ' } });
    expect(spec.labels).toEqual({ year: 'Year of referral' });
    expect(parsePivotSpec(JSON.parse(serializePivotSpec(spec)))).toEqual(spec);
    expect(parsePivotSpec({ source: { kind: 'table', table: 't' } }).labels).toBeUndefined();
    expect(() => parsePivotSpec({ source: { kind: 'table', table: 't' }, labels: { year: 3 } })).toThrow(/labels\["year"\] should be a text/);
  });
});

describe('relabelling a pivot', () => {
  it('sets and clears a field label, and a value label that empty goes back to the default', () => {
    const spec = parsePivotSpec({ source: { kind: 'table', table: 't' }, rows: ['year'], values: [{ field: 'referrals', aggregate: 'sum' }] });
    const named = setFieldLabel(spec, 'year', '  Year of referral ');
    expect(named.labels).toEqual({ year: 'Year of referral' });
    expect(setFieldLabel(named, 'year', '').labels).toBeUndefined();
    expect(spec.labels).toBeUndefined(); // the spec given is never changed
    const typed = setValueLabel(spec, 0, 'Potential victims');
    expect(typed.values[0]!.label).toBe('Potential victims');
    expect(setValueLabel(typed, 0, ' ').values[0]!.label).toBe('Sum of referrals');
  });
});
