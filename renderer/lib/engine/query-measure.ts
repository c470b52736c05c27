// Engine layer: each query's timing left on the page's performance timeline as an 'engine-query' measure (its SQL
// in the detail), so benchmarks read what the engine itself measured. The timeline keeps the latest queries only:
// the queries that follow a run (the completion catalog read again) must not wipe the run's own entry before a
// benchmark has read it, and a long session must not grow the timeline without end.

/** The measure's name, as benchmarks look it up. */
export const QUERY_MEASURE = 'engine-query';
/** Entries kept before the timeline is cleared of them. */
const KEPT = 500;

export function measureQuery(started: number, ended: number, detail: { sql: string } & Record<string, unknown>): void {
  if (performance.getEntriesByName(QUERY_MEASURE).length >= KEPT) performance.clearMeasures(QUERY_MEASURE);
  performance.measure(QUERY_MEASURE, { start: started, end: ended, detail });
}
