// How profile figures and histogram bins are written: years as codes, dates and timestamps from their number
// scale, whole-number bins with both ends, continuous bins "to under" except the last; rounding stated by callers.
import { describe, expect, it } from 'vitest';
import { binLabel, edge, profileValue } from './profile-format.ts';
import { formatDecimals, formatShare } from './format.ts';

describe('profile format', () => {
  it('writes values: years without separators, other numbers in the house format, text as is, none as a dash', () => {
    expect(profileValue({ name: 'year', kind: 'number' }, 2023)).toBe('2023');
    expect(profileValue({ name: 'referrals', kind: 'number' }, 1216)).toBe('1,216');
    expect(profileValue({ name: 'referrals', kind: 'number' }, 2.5)).toBe('2.5');
    expect(profileValue({ name: 'd', kind: 'date' }, '2024-01-01')).toBe('2024-01-01');
    expect(profileValue({ name: 'x', kind: 'number' }, null)).toBe('—');
  });

  it('writes bin edges and labels by kind', () => {
    expect(edge({ name: 'd', kind: 'date' }, 19723)).toBe('2024-01-01');
    expect(edge({ name: 't', kind: 'timestamp' }, 1704103200)).toBe('2024-01-01 10:00:00');
    const n = { name: 'referrals', kind: 'number' } as const;
    expect(binLabel(n, { from: 0, to: 99, count: 1 }, false, true)).toBe('0 to 99');
    expect(binLabel(n, { from: 7, to: 7, count: 1 }, false, true)).toBe('7');
    expect(binLabel(n, { from: 0.5, to: 1, count: 1 }, false, false)).toBe('0.5 to under 1');
    expect(binLabel(n, { from: 9.5, to: 10, count: 1 }, true, false)).toBe('9.5 to 10');
  });

  it('rounds only where asked, and a share of nothing is a dash', () => {
    expect(formatDecimals(133.4223163841808, 2)).toBe('133.42');
    expect(formatDecimals(1234.5, 2)).toBe('1,234.50');
    expect(formatDecimals(2016.1186440677966, 2, true)).toBe('2016.12');
    expect(formatShare(1, 5)).toBe('20.0%');
    expect(formatShare(1, 3)).toBe('33.3%');
    expect(formatShare(0, 0)).toBe('–');
  });
});
