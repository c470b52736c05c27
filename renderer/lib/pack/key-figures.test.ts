// Key figures' change in words: the absolute and percentage change with sensible precision, never "+0%" for a
// change that is not nothing, and "than" what it is compared with (the 2023 NRM figure against 2022's).
import { describe, expect, it } from 'vitest';
import { describeChange, formatPercentChange } from './key-figures.ts';

describe('a key figure compared with another', () => {
  it('gives the absolute and the percentage change, as the NRM release would write it', () => {
    // 17,004 referrals in 2023 against 16,921 in 2022: 83 more, 0.49 %.
    expect(describeChange(17004, 16921, '2022')).toBe('83 more (+0.5 %) than 2022');
    expect(describeChange(16921, 17004, '2022')).toBe('83 fewer (\u22120.5 %) than 2022');
  });

  it('never prints a zero percentage for a change that is not nothing', () => {
    for (const [now, then] of [[100_001, 100_000], [1_000_001, 1_000_000], [5001, 5000], [17004, 16921]]) {
      const words = describeChange(now!, then!, '2022');
      expect(words).not.toMatch(/[+\u2212]0 %|[+\u2212]0\.0 %/);
      expect(words).toMatch(/^1 more|^83 more/);
    }
    expect(formatPercentChange(0.001)).toBe('+0.001 %');
    expect(formatPercentChange(0.04)).toBe('+0.04 %');
  });

  it('rounds a large change to the whole per cent and keeps tenths below 10 %', () => {
    expect(describeChange(936, 726, '2010')).toBe('210 more (+29 %) than 2010');
    expect(describeChange(1100, 1000, '2022')).toBe('100 more (+10 %) than 2022');
    expect(describeChange(1099, 1000, '2022')).toBe('99 more (+9.9 %) than 2022');
    expect(describeChange(2000, 1000, '2022')).toBe('1,000 more (+100 %) than 2022');
  });

  it('says "the same as" for no change, drops the percentage from a base of 0, and reads an older "on 2022" label', () => {
    expect(describeChange(500, 500, '2022')).toBe('the same as 2022');
    expect(describeChange(12, 0, '2022')).toBe('12 more than 2022');
    expect(describeChange(17004, 16921, 'on 2022')).toBe('83 more (+0.5 %) than 2022');
    expect(describeChange(17004, 16921, '')).toBe('83 more (+0.5 %)');
  });
});
