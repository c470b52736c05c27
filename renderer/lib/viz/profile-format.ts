// Visualisation layer, pure: how a column profile's values and histogram bins are written. Bin edges are on the
// column's own number scale (see query/profile/columns.ts): dates as days and timestamps as seconds since 1970.
import type { ColumnKind } from '../query/profile/columns.ts';
import type { Bin } from '../query/profile/histogram.ts';
import { formatCell, isCodeLikeColumn } from './format.ts';

export interface ProfiledColumn {
  name: string;
  kind: ColumnKind;
}

/** A min, max, median or top value: numbers in the house format (years without separators), text as it is. */
export function profileValue(column: ProfiledColumn, v: number | string | null): string {
  if (v === null) return '—';
  return typeof v === 'number' ? formatCell(v, isCodeLikeColumn(column.name)) : v;
}

/** A bin's edge on the column's scale, written as the column's values are (a date, a timestamp, a number). */
export function edge(column: ProfiledColumn, v: number): string {
  if (column.kind === 'date') return new Date(v * 86_400_000).toISOString().slice(0, 10);
  if (column.kind === 'timestamp') return new Date(v * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return profileValue(column, v);
}

/** "2012", "0 to 499", "0.5 to under 1", the last bin "9.5 to 10" (it holds the maximum). */
export function binLabel(column: ProfiledColumn, bin: Bin, last: boolean, discrete: boolean): string {
  if (discrete) return bin.from === bin.to ? edge(column, bin.from) : `${edge(column, bin.from)} to ${edge(column, bin.to)}`;
  return `${edge(column, bin.from)} to ${last ? '' : 'under '}${edge(column, bin.to)}`;
}
