// Engine layer: finds and checks the totals a source carries in its own data — rows labelled "Total" or "All ages",
// columns named "total" — by running the pure SQL of lib/sdc/total-rows.ts. A pivot leaves such rows out (so they
// are not counted twice) and shows whether they matched the rows they total.
import { isNumericType, sourceSql } from '../query/pivot/compile.ts';
import type { PivotSource } from '../query/pivot/spec.ts';
import type { FieldSchema } from '../query/pivot/types.ts';
import {
  findTotalColumns,
  isKeyColumn,
  readTotalColumnCheck,
  readTotalRowsCheck,
  readTotalRowsProbe,
  totalColumnCheckSql,
  totalRowsCheckSql,
  totalRowsProbeSql,
  type TotalColumnCheck,
  type TotalRowsCheck,
  type TotalRowsFinding,
} from '../sdc/total-rows.ts';
import type { Engine } from './types.ts';

export interface OwnTotals {
  rows: { finding: TotalRowsFinding; check: TotalRowsCheck }[];
  columns: TotalColumnCheck[];
}

const TEXT = /^(VARCHAR|TEXT|STRING|ENUM)/i;

export async function findOwnTotals(engine: Engine, source: PivotSource, schema: FieldSchema[]): Promise<OwnTotals> {
  const from = sourceSql(source);
  const text = schema.filter((c) => TEXT.test(c.type.trim())).map((c) => c.name);
  const values = schema.filter((c) => isNumericType(c.type) && !isKeyColumn(c.name)).map((c) => c.name);
  const rows: OwnTotals['rows'] = [];
  if (text.length > 0) {
    const findings = readTotalRowsProbe((await engine.query(totalRowsProbeSql(from, text))).table);
    for (const finding of values.length ? findings : []) {
      const groups = schema.map((c) => c.name).filter((n) => n !== finding.column && !values.includes(n));
      const { table } = await engine.query(totalRowsCheckSql(from, finding, values, groups));
      rows.push({ finding, check: readTotalRowsCheck(table, finding, values, groups) });
    }
  }
  const columns: TotalColumnCheck[] = [];
  for (const found of findTotalColumns(schema)) {
    columns.push(readTotalColumnCheck((await engine.query(totalColumnCheckSql(from, found))).table, found));
  }
  return { rows, columns };
}
