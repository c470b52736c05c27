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

export async function checkStatusColumns(engine: Engine, table: string, pairs: [string, string][]): Promise<StatusOutcome[]> {
  if (pairs.length === 0) return [];
  const t = quoteIdent(table);
  const counts = pairs.flatMap(([, s], i) => [
    `count(${quoteIdent(s)}) FILTER (WHERE ${isStatusMarkerSql(quoteIdent(s))})::DOUBLE AS "m${i}"`,
    `count(${quoteIdent(s)}) FILTER (WHERE NOT ${isStatusMarkerSql(quoteIdent(s))})::DOUBLE AS "f${i}"`,
  ]);
  const { table: result } = await engine.query(`SELECT ${counts.join(', ')} FROM ${t}`);
  const kept: StatusOutcome[] = [];
  for (const [i, [column, statusColumn]] of pairs.entries()) {
    const markers = Number(result.getChild(`m${i}`)?.get(0) ?? 0);
    const failed = Number(result.getChild(`f${i}`)?.get(0) ?? 0);
    if (markers + failed === 0) {
      await engine.query(`ALTER TABLE ${t} DROP COLUMN ${quoteIdent(statusColumn)}`);
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
  return kept;
}
