// Query layer, pure: the SQL behind one pivot cell ("drill-through") — the source's records under the pivot's
// filters and the cell's row and column groups, as a query the analyst can read, change and run.
import { quoteIdent, quoteLiteral } from '../quote.ts';
import { pivotCondition, sourceSql } from './compile.ts';
import { OTHER_LABEL } from './layout.ts';
import { fieldOptions, type PivotSpec, type Scalar } from './spec.ts';
import type { AxisItem, PivotLayout } from './types.ts';

function condition(spec: PivotSpec, field: string, value: Scalar, axis: AxisItem[], level: number): string {
  const col = quoteIdent(field);
  if (value === OTHER_LABEL && fieldOptions(spec, field).topN?.other) {
    const top = new Set<string>();
    for (const item of axis) {
      const v = item.path[level];
      if (item.path.length > level && v !== OTHER_LABEL && v !== undefined && v !== null) top.add(String(v));
    }
    const hasNullTop = axis.some((i) => i.path.length > level && i.path[level] === null);
    const list = [...top].map(quoteLiteral).join(', ');
    const notTop = list ? `CAST(${col} AS VARCHAR) NOT IN (${list})` : 'TRUE';
    return hasNullTop ? `(${notTop} AND ${col} IS NOT NULL)` : `(${notTop} OR ${col} IS NULL)`;
  }
  return `${col} IS NOT DISTINCT FROM ${quoteLiteral(value)}`;
}

export function drillThroughSql(spec: PivotSpec, layout: PivotLayout, row: AxisItem, column: AxisItem): string {
  const compiledWhere = pivotCondition(spec);
  const source = spec.source.kind === 'table' ? sourceSql(spec.source) : `${sourceSql(spec.source)} AS source`;
  const parts: string[] = [];
  if (compiledWhere) parts.push(compiledWhere);
  row.path.forEach((v, i) => parts.push(condition(spec, spec.rows[i]!, v, layout.rows, i)));
  column.path.forEach((v, i) => parts.push(condition(spec, spec.columns[i]!, v, layout.columns, i)));
  return `SELECT *\nFROM ${source}${parts.length ? `\nWHERE ${parts.join('\n  AND ')}` : ''}`;
}
