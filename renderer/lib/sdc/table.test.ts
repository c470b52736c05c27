// The table model: a hierarchical 2-D table becomes cells + one additive relation per (node with children along
// one axis × node of the other); totals are computed or checked, and inconsistent totals are reported in words.
import { describe, expect, it } from 'vitest';
import { describeInconsistencies, flatTable, flattenAxis, hierarchicalTable, inconsistencies, linkedTable, type AxisNode } from './table.ts';

const regions: AxisNode = {
  label: 'UK',
  children: [
    { label: 'England', children: [{ label: 'North' }, { label: 'South' }] },
    { label: 'Wales' },
  ],
};
const ages: AxisNode = { label: 'All ages', children: [{ label: 'Child' }, { label: 'Adult' }] };

describe('hierarchicalTable', () => {
  const leaf: Record<string, number> = { 'North × Child': 3, 'North × Adult': 40, 'South × Child': 0, 'South × Adult': 25, 'Wales × Child': 2, 'Wales × Adult': 11 };
  const table = hierarchicalTable(regions, ages, (r, c) => leaf[`${r.label} × ${c.label}`]!, { computeTotals: true });

  it('flattens each tree in display order, a total before its parts', () => {
    const axis = flattenAxis(regions);
    expect(axis.labels).toEqual(['UK', 'England', 'North', 'South', 'Wales']);
    expect([...axis.parent]).toEqual([-1, 0, 1, 1, 0]);
    expect([...axis.depth]).toEqual([0, 1, 2, 2, 1]);
    expect(axis.paths[3]).toEqual(['UK', 'England', 'South']);
  });

  it('has every (row node × column node) cell, totals computed from the leaves', () => {
    expect(table.size).toBe(15);
    const at = (r: string, c: string) => table.values[table.labels.indexOf(`${r} × ${c}`)];
    expect(at('England', 'Child')).toBe(3);
    expect(at('England', 'All ages')).toBe(68);
    expect(at('UK', 'Adult')).toBe(76);
    expect(at('UK', 'All ages')).toBe(81);
    expect(inconsistencies(table)).toEqual([]);
  });

  it('has one relation per (node with children along one axis × node of the other)', () => {
    // Row nodes with children: UK, England (2) × 3 column nodes; column node with children: 1 × 5 row nodes.
    expect(table.relations).toHaveLength(2 * 3 + 5);
    const england = table.labels.indexOf('England × Adult');
    const rel = table.relations.find((r) => r.total === england && r.parts.length === 2 && table.labels[r.parts[0]!] === 'North × Adult');
    expect(rel?.parts.map((p) => table.labels[p])).toEqual(['North × Adult', 'South × Adult']);
    expect([...table.isTotal].filter(Boolean)).toHaveLength(15 - 3 * 2);
  });

  it('asks for totals too when they are given, and reports those that do not add up', () => {
    const given = hierarchicalTable(regions, ages, (r, c) => {
      if (r.label === 'UK' && c.label === 'All ages') return 946; // stated, while the parts add up to 931
      return r.isLeaf && c.isLeaf ? 1 : 0;
    });
    const wrong = inconsistencies(given);
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.some((w) => w.label === 'UK × All ages' && w.total === 946)).toBe(true);
    expect(describeInconsistencies(wrong.slice(0, 1))).toBe(
      `1 total does not add up: "${wrong[0]!.label}" is ${wrong[0]!.total} but its parts sum to ${wrong[0]!.sumOfParts}. Disclosure control needs totals that equal the sum of their parts.`,
    );
    expect(describeInconsistencies(wrong)).toMatch(/^\d+ totals do not add up: .* \(and \d+ more\)\./);
  });

  it('refuses negative or missing counts and empty lists of parts', () => {
    expect(() => hierarchicalTable(regions, ages, () => -1)).toThrow('The count for "UK × All ages" is -1; disclosure control needs counts of zero or more.');
    expect(() => hierarchicalTable(regions, ages, () => Number.NaN)).toThrow(/is NaN/);
    expect(() => hierarchicalTable({ label: 'All', children: [] }, ages, () => 1)).toThrow('"All" has an empty list of parts; leave children out for a category.');
  });
});

describe('flatTable', () => {
  it('adds a total row and column', () => {
    const t = flatTable([[1, 2], [3, 4]], { rowLabels: ['a', 'b'], colLabels: ['x', 'y'] });
    expect(t.labels).toEqual(['Total × Total', 'Total × x', 'Total × y', 'a × Total', 'a × x', 'a × y', 'b × Total', 'b × x', 'b × y']);
    expect([...t.values]).toEqual([10, 4, 6, 3, 1, 2, 7, 3, 4]);
    expect(t.relations).toHaveLength(3 + 3);
  });

  it('checks given margins rather than trusting them', () => {
    const t = flatTable([[1, 2], [3, 4]], { rowTotals: [3, 8], colTotals: [4, 6], grandTotal: 10 });
    const wrong = inconsistencies(t);
    expect(wrong.map((w) => [w.label, w.total, w.sumOfParts])).toEqual([
      ['Total × Total', 10, 11], // down the total column: 3 + 8
      ['Row 2 × Total', 8, 7],
    ]);
  });

  it('refuses ragged or empty tables', () => {
    expect(() => flatTable([[1, 2], [3]])).toThrow('Every row of the table must have the same number of columns.');
    expect(() => flatTable([])).toThrow('A table needs at least one row and one column.');
  });
});

describe('linkedTable', () => {
  it('accepts any additive relations and checks them', () => {
    // Two tables sharing a total: a = b + c and a = d + e.
    const t = linkedTable([10, 4, 6, 7, 3], [{ total: 0, parts: [1, 2] }, { total: 0, parts: [3, 4] }], ['a', 'b', 'c', 'd', 'e']);
    expect(inconsistencies(t)).toEqual([]);
    expect([...t.isTotal]).toEqual([1, 0, 0, 0, 0]);
    expect(t.grid).toBeUndefined();
    expect(inconsistencies(linkedTable([10, 4, 5], [{ total: 0, parts: [1, 2] }]))[0]?.sumOfParts).toBe(9);
  });

  it('refuses relations to cells that do not exist', () => {
    expect(() => linkedTable([1, 2], [{ total: 0, parts: [2] }])).toThrow('A relation refers to cell 2, but the table has cells 0 to 1.');
    expect(() => linkedTable([1, 2], [{ total: 0, parts: [] }])).toThrow('The total "Cell 1" has no parts.');
  });
});
