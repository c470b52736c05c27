// Pivot feature, pure: the words the pivot UI uses for aggregates, "show values as" modes and drop zones.
import type { Aggregate } from '../../lib/query/pivot/spec.ts';

export const AGGREGATE_LABELS: Record<Aggregate, string> = {
  count: 'Count',
  count_distinct: 'Count distinct',
  sum: 'Sum',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
};

export { SHOW_AS_LABELS } from '../../lib/query/pivot/field-labels.ts';

/** Top N the "ask first" prompt offers for the widest column field. */
export const SUGGESTED_TOP_N = 20;

/** The "ask first" question for a pivot whose columns would be too many to show at once. */
export function wideColumnsQuestion(count: number, fields: string[]): string {
  const what = fields.length > 1 ? 'a field' : 'the field';
  return `Columns would hold ${count.toLocaleString('en-GB')} values (${fields.join(' × ')}). Show them anyway, or use a top N, a filter, or move ${what} to rows?`;
}
