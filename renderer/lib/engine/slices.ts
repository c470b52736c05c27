// Engine layer: runs pure work written as steps (lib/query/pivot/steps.ts) between the page's other work. A big
// pivot's layout, or the model of its table, takes longer than the page may block; run here, it goes in slices of
// about SLICE_MS with a pause (a new task) between them, so the page paints and answers input meanwhile.
import type { Steps } from '../query/pivot/steps.ts';

/** How long work may hold the page before it lets the page paint and answer input (ms). */
export const SLICE_MS = 12;

/**
 * A new task: scheduler.yield() where the page has it (Chromium), which lets input and drawing in without the 4 ms
 * that nested setTimeout(0) calls are held back for; setTimeout elsewhere (Node).
 */
function pause(): Promise<unknown> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs steps to their value in slices of about SLICE_MS. Work that fits in one slice finishes without a pause (in
 * the same task); work that had to pause pauses once more at the end, so drawing its result is a task of its own.
 */
export async function runInSlices<T>(steps: Steps<T>): Promise<T> {
  let sliceStart = performance.now();
  let paused = false;
  for (;;) {
    const next = steps.next();
    if (next.done) {
      if (paused) await pause();
      return next.value;
    }
    if (performance.now() - sliceStart > SLICE_MS) {
      await pause();
      paused = true;
      sliceStart = performance.now();
    }
  }
}
