// Work run in slices lets the page do its other work (a timer here) before it is done, and gives the same value.
import { describe, expect, it } from 'vitest';
import { runInSlices } from './slices.ts';

describe('runInSlices', () => {
  it('lets the page run other work (a timer here) while a long layout is still going', async () => {
    let fired = false;
    let firedBeforeEnd = false;
    function* busy(): Generator<void, string, void> {
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        while (performance.now() - t < 5); // 100 ms of work in all, in 5 ms steps
        yield;
      }
      firedBeforeEnd = fired;
      return 'done';
    }
    setTimeout(() => (fired = true), 0);
    expect(await runInSlices(busy())).toBe('done');
    expect(firedBeforeEnd).toBe(true);
  });

  it('work that fits in one slice finishes without a pause (before any timer)', async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    function* quick(): Generator<void, number, void> {
      yield;
      yield;
      return 1;
    }
    expect(await runInSlices(quick())).toBe(1);
    expect(fired).toBe(false);
  });
});
