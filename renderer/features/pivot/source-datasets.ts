// Pivot feature, pure: which built-in datasets a pivot reads — its table, or the tables a query names — so the
// view can say which official vintage its figures come from.
import type { DatasetDef } from '../../lib/engine/manifest.ts';
import type { PivotSource } from '../../lib/query/pivot/spec.ts';

export function sourceDatasets(source: PivotSource, defs: DatasetDef[]): DatasetDef[] {
  if (source.kind === 'table') return defs.filter((d) => d.id === source.table);
  const words = new Set(source.sql.toLowerCase().match(/[a-z0-9_]+/g) ?? []);
  return defs.filter((d) => words.has(d.id.toLowerCase()));
}
