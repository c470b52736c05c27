// Pack layer, pure: which built-in datasets a pivot or query reads — its table, or the tables its SQL names — so
// views can say which official vintage their figures come from and exports can cite them.
import type { PivotSource } from '../query/pivot/spec.ts';

export function sourceDatasets<D extends { id: string }>(source: PivotSource, defs: D[]): D[] {
  if (source.kind === 'table') return defs.filter((d) => d.id === source.table);
  return datasetsInSql(source.sql, defs);
}

export function datasetsInSql<D extends { id: string }>(sql: string, defs: D[]): D[] {
  const words = new Set(sql.toLowerCase().match(/[a-z0-9_]+/g) ?? []);
  return defs.filter((d) => words.has(d.id.toLowerCase()));
}
