// Query layer, pure: work cut into steps. A big pivot's layout (50,000 columns: hundreds of thousands of cells)
// takes longer than a page may block, so the layout is written as a generator that yields every so often; the
// engine layer runs it in slices between which the page paints and answers input, while tests and Node code run
// it straight through. Nothing here knows about time or the event loop: a yield is only "a good place to pause".
export type Steps<T> = Generator<void, T, void>;

/** How many small units of work (cells, result rows, comparisons) go between two pauses. */
export const STEP = 2048;

/** Runs steps straight through (no pauses): for tests, Node and small inputs. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Sorts `items` in place, like the stable Array.prototype.sort with the same comparator (so the order is the
 * same), pausing along the way: runs of STEP items are sorted natively, then merged pairwise.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number): Steps<void> {
  const n = items.length;
  if (n <= STEP) {
    items.sort(compare);
    return;
  }
  for (let start = 0; start < n; start += STEP) {
    const run = items.slice(start, start + STEP).sort(compare);
    for (let i = 0; i < run.length; i++) items[start + i] = run[i]!;
    yield;
  }
  let from = items;
  let to = new Array<T>(n);
  for (let width = STEP; width < n; width *= 2) {
    let work = 0;
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      // Ties take the left run's item first: that is what keeps the merge stable.
      while (i < mid && j < hi) {
        to[k++] = compare(from[j]!, from[i]!) < 0 ? from[j++]! : from[i++]!;
        if (++work % STEP === 0) yield;
      }
      while (i < mid) to[k++] = from[i++]!;
      while (j < hi) to[k++] = from[j++]!;
    }
    [from, to] = [to, from];
    yield;
  }
  if (from !== items) for (let i = 0; i < n; i++) items[i] = from[i]!;
}
