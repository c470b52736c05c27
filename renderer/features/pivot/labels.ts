// Pivot feature, pure: the words the pivot UI uses for aggregates, "show values as" modes and drop zones.
import type { Aggregate, ShowAs } from '../../lib/query/pivot/spec.ts';

export const AGGREGATE_LABELS: Record<Aggregate, string> = {
  count: 'Count',
  count_distinct: 'Count distinct',
  sum: 'Sum',
  avg: 'Average',
  min: 'Minimum',
  max: 'Maximum',
  median: 'Median',
};

export const SHOW_AS_LABELS: Record<ShowAs, string> = {
  raw: 'Value',
  pct_row: '% of row total',
  pct_column: '% of column total',
  pct_total: '% of grand total',
  pct_parent_row: '% of parent row total',
  pct_parent_column: '% of parent column total',
  diff_previous: 'Difference from previous',
  pct_change_previous: '% change from previous',
  running_total: 'Running total',
};
