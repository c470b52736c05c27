// Primary suppression and protection levels: the threshold, zeros, small totals, the τ-Argus-style levels with their
// floor, and what every reader knows about a [c] (its floor).
import { describe, expect, it } from 'vitest';
import { ancestorCross, floors, isPrimaryValue, protectionLevels, suppressionProblem } from './primary.ts';
import { parseSdcRules } from './rules.ts';
import { flatTable, hierarchicalTable } from './table.ts';

describe('primary suppression', () => {
  it('suppresses counts from 1 to threshold − 1, and zeros only when asked', () => {
    const under10 = parseSdcRules({});
    expect([0, 1, 5, 9, 10, 11].map((v) => isPrimaryValue(v, under10))).toEqual([false, true, true, true, false, false]);
    const withZeros = parseSdcRules({ suppressZeros: true, threshold: 4 });
    expect([0, 1, 3, 4].map((v) => isPrimaryValue(v, withZeros))).toEqual([true, true, true, false]);
    expect([0, 1].map((v) => isPrimaryValue(v, parseSdcRules({ threshold: 1 })))).toEqual([false, false]);
  });

  it('treats small totals like any other count', () => {
    const t = flatTable([[1, 2], [30, 40]]);
    const p = suppressionProblem(t, parseSdcRules({}));
    // Row 1 adds up to 3: its total is as confidential as its parts.
    expect(t.labels.filter((_, i) => p.primary[i])).toEqual(['Row 1 × Total', 'Row 1 × Column 1', 'Row 1 × Column 2']);
  });

  it('never lets a zero be suppressed while zeros are published', () => {
    const t = flatTable([[0, 12], [5, 20]]);
    const shown = suppressionProblem(t, parseSdcRules({}));
    expect(shown.suppressible[t.labels.indexOf('Row 1 × Column 1')]).toBe(0);
    expect(shown.suppressible[t.labels.indexOf('Row 1 × Column 2')]).toBe(1);
    const hidden = suppressionProblem(t, parseSdcRules({ suppressZeros: true }));
    expect(hidden.primary[t.labels.indexOf('Row 1 × Column 1')]).toBe(1);
  });
});

describe('protection levels', () => {
  const rules = parseSdcRules({});

  it('defaults to 1 either way for counts under 10 (τ-Argus frequency range 10 %, floor 1)', () => {
    expect(protectionLevels(5, rules, 1)).toEqual({ upper: 1, lower: 1, width: 1 });
    expect(protectionLevels(9, rules, 1)).toEqual({ upper: 1, lower: 1, width: 1 });
  });

  it('scales with the value above the floor', () => {
    expect(protectionLevels(40, rules, 1)).toEqual({ upper: 4, lower: 4, width: 1 });
    const strict = parseSdcRules({ protection: { upperPercent: 50, lowerPercent: 25, minimum: 2, width: 3 } });
    expect(protectionLevels(8, strict, 1)).toEqual({ upper: 4, lower: 2, width: 3 });
  });

  it('stops the lower level at what every reader knows', () => {
    expect(protectionLevels(1, rules, 1).lower).toBe(0); // a published-zeros [c] is at least 1
    expect(protectionLevels(2, rules, 2).lower).toBe(0); // a total of two non-zero cells is at least 2
    expect(protectionLevels(0, parseSdcRules({ suppressZeros: true }), 0)).toEqual({ upper: 1, lower: 0, width: 1 });
  });

  it('knows a total is at least the number of non-zero cells it adds up (zeros published)', () => {
    const t = flatTable([[1, 0, 7], [2, 2, 0]]);
    const f = floors(t, false);
    const at = (label: string) => f[t.labels.indexOf(label)];
    expect([at('Row 1 × Column 1'), at('Row 1 × Column 2'), at('Row 1 × Total'), at('Total × Column 2'), at('Total × Total')]).toEqual([1, 0, 2, 1, 4]);
    expect([...floors(t, true)].every((x) => x === 0)).toBe(true);
  });

  it('uses the cell counts as costs by default, or given weights', () => {
    const t = flatTable([[1, 20], [30, 40]]);
    expect([...suppressionProblem(t, rules).cost]).toEqual([...t.values]);
    expect([...suppressionProblem(t, rules, 'cells').cost].every((c) => c === 1)).toBe(true);
    expect(() => suppressionProblem(t, rules, [1, 2])).toThrow('The cost of suppressing "Total × Column 2" must be a number of zero or more.');
  });
});

describe('ancestorCross', () => {
  it('is every (row ancestor-or-self × column ancestor-or-self)', () => {
    const t = hierarchicalTable(
      { label: 'All', children: [{ label: 'A', children: [{ label: 'a1' }, { label: 'a2' }] }, { label: 'B' }] },
      { label: 'Both', children: [{ label: 'x' }, { label: 'y' }] },
      () => 1,
      { computeTotals: true },
    );
    const cross = ancestorCross(t, t.labels.indexOf('a2 × y')).map((i) => t.labels[i]).sort();
    expect(cross).toEqual(['A × Both', 'A × y', 'All × Both', 'All × y', 'a2 × Both', 'a2 × y'].sort());
  });
});
