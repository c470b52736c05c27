// Pack layer tests: planning wide tables — widths shared out from measured extents, column groups that repeat the
// row labels and fit, landscape chosen only when it fits, the analyst's override, headings carried across a split,
// and the item spec's `wide` field parsed strictly.
import { describe, expect, it } from 'vitest';
import { parseItem } from './spec.ts';
import { lineCount, longestWord, textWidth } from './text-metrics.ts';
import { columnGroups, distribute, groupTable, planTable, type ColumnExtent } from './wide-table.ts';
import { wideTable } from './wide-sample.ts';

const space = { portrait: 600, landscape: 900 };
const kinds = (n: number) => ['label' as const, ...Array.from({ length: n }, () => 'number' as const)];
const extents = (n: number, min = 50, max = 80): ColumnExtent[] => [{ min: 100, max: 200 }, ...Array.from({ length: n }, () => ({ min, max }))];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('distribute', () => {
  it('fills the width, never giving a column less than its narrowest', () => {
    for (const available of [400, 700, 2000]) {
      const e = extents(5);
      const w = distribute(e, available);
      expect(sum(w)).toBeCloseTo(available);
      w.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(e[i]!.min - 1e-9));
    }
  });
  it('gives each column its one-line width when there is room', () => {
    const w = distribute(extents(2), 1000);
    expect(w[1]!).toBeGreaterThanOrEqual(80);
  });
});

describe('planTable', () => {
  it('keeps a table that fits as it is', () => {
    const plan = planTable(kinds(5), extents(5), space, 'portrait');
    expect(plan.orientation).toBe('portrait');
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]!.columns).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('goes landscape when the table fits there only', () => {
    const plan = planTable(kinds(12), extents(12), space, 'portrait');
    expect(sum(extents(12).map((e) => e.min))).toBeGreaterThan(space.portrait);
    expect(plan.orientation).toBe('landscape');
    expect(plan.groups).toHaveLength(1);
  });
  it('splits into groups that each repeat the labels and fit, when even landscape is too narrow', () => {
    const e = extents(19);
    const plan = planTable(kinds(19), e, space, 'portrait');
    expect(plan.orientation).toBe('portrait');
    expect(plan.groups.length).toBeGreaterThan(1);
    for (const g of plan.groups) {
      expect(g.columns[0]).toBe(0);
      expect(sum(g.columns.map((c) => e[c]!.min))).toBeLessThanOrEqual(space.portrait);
      expect(sum(g.widths)).toBeCloseTo(space.portrait);
    }
    expect(plan.groups.flatMap((g) => g.columns.slice(1))).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    const sizes = plan.groups.map((g) => g.columns.length - 1);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1); // evened out
  });
  it('follows the analyst: landscape (split there if need be), or split on the pack\'s pages', () => {
    expect(planTable(kinds(3), extents(3), space, 'portrait', 'landscape').orientation).toBe('landscape');
    const split = planTable(kinds(12), extents(12), space, 'portrait', 'split');
    expect(split.orientation).toBe('portrait');
    expect(split.groups.length).toBeGreaterThan(1);
    expect(planTable(kinds(19), extents(19), space, 'portrait', 'landscape').groups.length).toBeGreaterThan(1);
  });
  it('gives a column too wide even alone a group of its own rather than looping', () => {
    expect(columnGroups(kinds(2), [{ min: 100, max: 100 }, { min: 700, max: 700 }, { min: 50, max: 50 }], 600)).toEqual([[0, 1], [0, 2]]);
  });
});

describe('groupTable', () => {
  it('cuts columns out of headers and rows and names the spanning heading again over the group', () => {
    const t = wideTable(2);
    const part = groupTable(t, [0, 10, 11, 12]);
    expect(part.columns.map((c) => c.header)).toEqual([t.columns[0]!.header, t.columns[10]!.header, t.columns[11]!.header, t.columns[12]!.header]);
    expect(part.headerRows[0]).toEqual(['First responder type', 'Exploitation type', '', '']);
    expect(part.rows[0]!.cells).toEqual([t.rows[0]!.cells[0], t.rows[0]!.cells[10], t.rows[0]!.cells[11], t.rows[0]!.cells[12]]);
  });
});

describe('text metrics (Arial/Helvetica widths)', () => {
  it('measures, finds the longest word and counts wrapped lines breaking at spaces only', () => {
    expect(textWidth('1,908', 10)).toBeCloseTo(25.02);
    expect(longestWord('Criminal exploitation', 10)).toBeCloseTo(textWidth('exploitation', 10));
    expect(lineCount('Criminal exploitation', textWidth('exploitation', 10) + 1, 10)).toBe(2);
    expect(lineCount('Criminal exploitation', 1, 10)).toBe(2); // never more lines than words
  });
});

describe('the item spec\'s wide-table layout', () => {
  const base = { id: 'q', kind: 'query', caption: '', sql: 'SELECT 1' };
  it('defaults to auto and keeps a known choice', () => {
    expect(parseItem(base, 0)).toMatchObject({ wide: 'auto' });
    expect(parseItem({ ...base, wide: 'split' }, 0)).toMatchObject({ wide: 'split' });
  });
  it('rejects anything else', () => {
    expect(() => parseItem({ ...base, wide: 'sideways' }, 0)).toThrow(/landscape pages/);
  });
});
