// Which pairs of tables differ by what: nesting (one table's filters include all of another's), complementary
// conditions (is / is not Female) and neither; cells keyed so that "all minus not Female" is the Female table's cell.
import { describe, expect, it } from 'vitest';
import type { PivotFilter } from '../query/pivot/spec.ts';
import { canonicalFilters, differences, filteredCellKey, type FilteredMember } from './differencing.ts';
import { DEFAULT_SDC_RULES } from './rules.ts';
import { linkedTable } from './table.ts';

const FEMALE: PivotFilter = { field: 'gender', op: 'in', values: ['Female'] };
const NOT_FEMALE: PivotFilter = { field: 'gender', op: 'not_in', values: ['Female'] };
const ADULT: PivotFilter = { field: 'age', op: 'eq', values: ['Adult'] };

/** A total of two cells, "A" and "B", counted under `filters`. */
function member(caption: string, filters: PivotFilter[], [a, b]: [number, number]): FilteredMember {
  return { table: linkedTable([a + b, a, b], [{ total: 0, parts: [1, 2] }]), filters: canonicalFilters(filters), coords: ['all', 'A', 'B'], caption };
}

describe('differences between tables of one source', () => {
  it('writes filters one way: values sorted, empty choices dropped, duplicates once', () => {
    const f = canonicalFilters([{ field: 'g', op: 'in', values: ['b', 'a'] }, { field: 'g', op: 'in', values: [] }, { field: 'g', op: 'in', values: ['a', 'b'] }]);
    expect(f).toEqual([{ field: 'g', op: 'in', values: ['a', 'b'] }]);
  });

  it('adds an unprinted difference per shared cell when one table keeps a subset of the other, and warns of small ones', () => {
    const whole = member('All referrals', [], [113, 40]);
    const sub = member('Adults', [ADULT], [110, 40]);
    const d = differences([whole, sub], DEFAULT_SDC_RULES);
    // The records not kept are those where age is not Adult: keyed as that table's cells would be.
    const key = (coord: string) => filteredCellKey([{ field: 'age', op: 'neq', values: ['Adult'] }], coord);
    expect(d.cells.map((c) => [c.key, c.value])).toEqual([[key('all'), 3], [key('A'), 3], [key('B'), 0]]);
    expect(d.relations).toContainEqual({ total: filteredCellKey([], 'A'), parts: [filteredCellKey([ADULT], 'A'), key('A')] });
    // The differences add up as the tables do.
    expect(d.relations).toContainEqual({ total: key('all'), parts: [key('A'), key('B')] });
    expect(d.warnings).toEqual([
      '“Adults” keeps only the records of “All referrals” where age is Adult: 2 of the differences between their figures are counts under 10, so cells are withheld in both to stop them being worked out by subtraction.',
    ]);
  });

  it('keys "all minus not Female" as the Female table\'s cell, and joins complementary tables into their whole', () => {
    const whole = member('All', [], [113, 40]);
    const notFemale = member('Not female', [NOT_FEMALE], [110, 38]);
    const female = member('Female', [FEMALE], [3, 2]);
    const d = differences([whole, notFemale, female], DEFAULT_SDC_RULES);
    const femaleKey = filteredCellKey(canonicalFilters([FEMALE]), 'A');
    expect(d.cells).toContainEqual({ key: femaleKey, label: 'Cell 2 (gender is Female)', value: 3 });
    expect(d.relations).toContainEqual({ total: filteredCellKey([], 'A'), parts: [filteredCellKey(canonicalFilters([NOT_FEMALE]), 'A'), femaleKey] });
    expect(d.relations).toContainEqual({ total: filteredCellKey([], 'A'), parts: [filteredCellKey(canonicalFilters([NOT_FEMALE]), 'A'), femaleKey].reverse() });
  });

  it('keys a difference no single filter describes as its own cell', () => {
    const both = member('Adult women', [ADULT, FEMALE], [2, 1]);
    const d = differences([member('All', [], [113, 40]), both], DEFAULT_SDC_RULES);
    expect(d.cells[1]).toEqual({ key: `${filteredCellKey([], 'A')} without ${JSON.stringify(canonicalFilters([ADULT, FEMALE]))}`, label: 'Cell 2 (records not meeting: age is Adult and gender is Female)', value: 111 });
  });

  it('leaves tables whose filters neither nest nor complement each other apart', () => {
    const d = differences([member('Adults', [ADULT], [10, 20]), member('Female', [FEMALE], [5, 6])], DEFAULT_SDC_RULES);
    expect(d).toEqual({ cells: [], relations: [], warnings: [] });
  });

  it('refuses a subset that counts more than its whole', () => {
    expect(() => differences([member('All', [], [5, 5]), member('Adults', [ADULT], [6, 4])], DEFAULT_SDC_RULES)).toThrow(
      '“All” counts fewer (5) than “Adults” (6) for Cell 2, though it keeps every record the other keeps.',
    );
  });
});
