// Services layer: what an import's status columns hold once the table exists. Each is counted — shorthand markers
// versus values that did not convert, with the first few of those and their rows — and a status column left empty
// is dropped, so the analyst is told of every value that is not a plain figure and sees no empty columns.
import type { Engine } from '../../engine/types.ts';
import { isStatusMarkerSql } from '../../query/import/text-sql.ts';
import { quoteIdent } from '../../query/quote.ts';

export interface StatusOutcome {
  /** The value column and its status column. */
  column: string;
  statusColumn: string;
  markers: number;
  failed: number;
  /** Up to three values that did not convert, with their row in the new table (1-based). */
  examples: { row: number; text: string }[];
}

/** Beyond this many empty status columns, the table is rebuilt without them rather than altered once per column. */
const DROPS_BY_ALTER = 5;

export async function checkStatusColumns(engine: Engine, table: string, pairs: [string, string][]): Promise<StatusOutcome[]> {
  if (pairs.length === 0) return [];
  const t = quoteIdent(table);
  // Every status column in one stream (NULLs left out), so the marker test is written once however many there are.
  const list = pairs.map(([, s]) => quoteIdent(s)).join(', ');
  const marker = isStatusMarkerSql('v');
  const { table: result } = await engine.query(
    `SELECT name, count(*) FILTER (WHERE ${marker})::DOUBLE AS m, count(*) FILTER (WHERE NOT ${marker})::DOUBLE AS f ` +
      `FROM (UNPIVOT (SELECT ${list} FROM ${t}) ON ${list} INTO NAME name VALUE v) GROUP BY name`,
  );
  const counts = new Map<string, { m: number; f: number }>();
  for (let r = 0; r < result.numRows; r++) counts.set(String(result.getChild('name')?.get(r)), { m: Number(result.getChild('m')?.get(r)), f: Number(result.getChild('f')?.get(r)) });
  const kept: StatusOutcome[] = [];
  const empty: string[] = [];
  for (const [column, statusColumn] of pairs) {
    const { m: markers, f: failed } = counts.get(statusColumn) ?? { m: 0, f: 0 };
    if (markers + failed === 0) {
      empty.push(statusColumn);
      continue;
    }
    const examples: StatusOutcome['examples'] = [];
    if (failed > 0) {
      const s = quoteIdent(statusColumn);
      const { table: ex } = await engine.query(`SELECT (rowid + 1)::DOUBLE AS r, ${s} AS v FROM ${t} WHERE ${s} IS NOT NULL AND NOT ${isStatusMarkerSql(s)} ORDER BY rowid LIMIT 3`);
      for (let r = 0; r < ex.numRows; r += 1) examples.push({ row: Number(ex.getChild('r')?.get(r)), text: String(ex.getChild('v')?.get(r)) });
    }
    kept.push({ column, statusColumn, markers, failed, examples });
  }
  if (empty.length > DROPS_BY_ALTER) await engine.query(`CREATE OR REPLACE TABLE ${t} AS SELECT * EXCLUDE (${empty.map(quoteIdent).join(', ')}) FROM ${t}`);
  else for (const s of empty) await engine.query(`ALTER TABLE ${t} DROP COLUMN ${quoteIdent(s)}`);
  return kept;
}
