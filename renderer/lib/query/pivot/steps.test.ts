// Work in steps: the chunked sort gives exactly the order of the stable native sort (ties included) and pauses on
// long lists; runSteps runs a generator to its value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSteps, sortSteps, STEP } from './steps.ts';

function sortCounting<T>(items: T[], compare: (a: T, b: T) => number): number {
  const steps = sortSteps(items, compare);
  let pauses = 0;
  while (!steps.next().done) pauses++;
  return pauses;
}

describe('sortSteps', () => {
  it('orders like Array.prototype.sort, ties in their first order, for short and long lists', () => {
    const pair = fc.record({ key: fc.integer({ min: 0, max: 30 }), at: fc.nat() });
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 3 * STEP + 17 }), (list) => {
        const tagged = list.map((p, i) => ({ ...p, at: i }));
        const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
        const expected = [...tagged].sort(byKey);
        const actual = [...tagged];
        sortCounting(actual, byKey);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('pauses while sorting a list longer than one step, and not for a short one', () => {
    const long = Array.from({ length: 5 * STEP }, (_, i) => (i * 7919) % 10007);
    expect(sortCounting(long, (a, b) => a - b)).toBeGreaterThan(5);
    expect(long).toEqual([...long].sort((a, b) => a - b));
    expect(sortCounting([3, 1, 2], (a, b) => a - b)).toBe(0);
  });
});

describe('runSteps', () => {
  it('runs every step and returns the value', () => {
    let seen = 0;
    function* count(): Generator<void, number, void> {
      for (let i = 0; i < 5; i++) {
        seen++;
        yield;
      }
      return seen * 10;
    }
    expect(runSteps(count())).toBe(50);
    expect(seen).toBe(5);
  });
});
