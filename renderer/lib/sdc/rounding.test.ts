// Rounding of published counts to a base, and percentages published from protected counts or suppressed with them.
import { describe, expect, it } from 'vitest';
import { publishedCount, publishedPercentage, roundToBase, type PercentPart } from './rounding.ts';
import { PRIMARY, SECONDARY, status } from './status.ts';

const part = (value: number, st: PercentPart['status'] = null, base: number | null = null): PercentPart => ({ value, status: st, published: publishedCount(value, st, base) });

describe('rounding to a base', () => {
  it('rounds to the nearest multiple, halves up', () => {
    expect([10, 11, 12, 13, 14, 15, 17, 18, 102].map((v) => roundToBase(v, 5))).toEqual([10, 10, 10, 15, 15, 15, 15, 20, 100]);
    expect([15, 25, 24].map((v) => roundToBase(v, 10))).toEqual([20, 30, 20]);
    expect(roundToBase(0, 5)).toBe(0);
  });

  it('publishes nothing for hidden statuses and rounds the rest only when asked', () => {
    expect(publishedCount(13, null, 5)).toBe(15);
    expect(publishedCount(13, null, null)).toBe(13);
    expect(publishedCount(13, status('p'), 5)).toBe(15);
    expect(publishedCount(3, PRIMARY, 5)).toBeNull();
    expect(publishedCount(40, SECONDARY, null)).toBeNull();
    expect(publishedCount(40, status('x'), null)).toBeNull();
    expect(publishedCount(40, status('z'), null)).toBeNull();
  });
});

describe('percentages', () => {
  const fromProtected = { percentages: 'from-protected' } as const;
  const suppress = { percentages: 'suppress' } as const;

  it('computes from the published (rounded) counts, so the reader can check them', () => {
    expect(publishedPercentage(part(13, null, 5), part(52, null, 5), fromProtected)).toEqual({ value: 30, status: null });
  });

  it("computes from the true counts under 'suppress'", () => {
    expect(publishedPercentage(part(13), part(52), suppress)).toEqual({ value: 25, status: null });
  });

  it('is [c] wherever its numerator or denominator is, under either policy', () => {
    for (const rules of [fromProtected, suppress]) {
      expect(publishedPercentage(part(3, PRIMARY), part(52), rules)).toEqual({ value: null, status: PRIMARY });
      expect(publishedPercentage(part(30, SECONDARY), part(52), rules)).toEqual({ value: null, status: SECONDARY });
      // A visible count over a suppressed total would give the total back.
      expect(publishedPercentage(part(30), part(41, SECONDARY), rules)).toEqual({ value: null, status: SECONDARY });
    }
  });

  it('is [x] or [z] where there is nothing to divide', () => {
    expect(publishedPercentage(part(30, status('x')), part(52), fromProtected).status).toEqual({ code: 'x' });
    expect(publishedPercentage(part(0), part(0), fromProtected)).toEqual({ value: null, status: { code: 'z' } });
    expect(publishedPercentage(part(2), part(2, null, 5), fromProtected)).toEqual({ value: null, status: { code: 'z' } }); // 2 rounds to 0
    expect(publishedPercentage(part(3, status('z')), part(52), fromProtected).status).toEqual({ code: 'z' });
  });

  it('carries the most serious of [u], [e], [p], [r] from its counts', () => {
    expect(publishedPercentage(part(10, status('r')), part(40, status('u')), fromProtected)).toEqual({ value: 25, status: { code: 'u' } });
    expect(publishedPercentage(part(10, status('p')), part(40), fromProtected)).toEqual({ value: 25, status: { code: 'p' } });
  });
});
