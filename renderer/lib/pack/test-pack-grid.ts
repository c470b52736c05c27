// Test support (pack layer): a pack table read back as a grid — its true counts from the engine (rows × columns of
// the Q4 2023 detail data, totals first) and the figures the pack's document publishes for each cell — for the
// independent attacks of sdc/test-linked-attack.ts.
import { expect } from 'vitest';
import type { ProtectedCell } from '../sdc/protect.ts';
import type { Grid } from '../sdc/test-linked-attack.ts';
import type { DocTable } from './document.ts';

/** What this needs of an engine (the pack layer does not import the engine's types). */
interface Queries {
  query(sql: string): Promise<{ table: { toArray(): { toJSON(): unknown }[] } }>;
}

/** `where` selects the table's records; `categories` fixes the row and column items (default: those found). */
export async function packGrid(
  engine: Queries,
  table: DocTable,
  fields: { rows: string; columns: string; where: string },
  categories?: { rows: string[]; columns: string[] },
): Promise<{ grid: Grid; published: ProtectedCell[]; categories: { rows: string[]; columns: string[] } }> {
  const { table: t } = await engine.query(
    `SELECT ${fields.rows} AS r, ${fields.columns} AS c, sum(referrals)::DOUBLE AS n FROM nrm_referrals_2023q4_detail WHERE ${fields.where} GROUP BY ALL`,
  );
  const rows = t.toArray().map((x) => x.toJSON() as { r: string; c: string; n: number });
  const rs = categories?.rows ?? [...new Set(rows.map((x) => x.r))].sort();
  const cs = categories?.columns ?? [...new Set(rows.map((x) => x.c))].sort();
  const counts = new Map(rows.map((x) => [`${x.r}|${x.c}`, x.n]));
  const grid: Grid = {
    rows: { label: 'Total', children: rs.map((label) => ({ label })) },
    cols: { label: 'Total', children: cs.map((label) => ({ label })) },
    leaf: (r, c) => counts.get(`${rs[r - 1]}|${cs[c - 1]}`) ?? 0,
  };
  const header = table.columns.map((c) => c.header);
  const published: ProtectedCell[] = [];
  for (const r of ['Total', ...rs]) {
    const row = table.rows.find((x) => x.cells[0]!.value === r);
    for (const c of ['Total', ...cs]) {
      const j = header.findIndex((h) => h === c || h.endsWith(`: ${c}`));
      // An item the table does not show (given categories of another table) has no records: a reader sees 0.
      if (categories && (!row || j < 0)) {
        expect(rows.some((x) => x.r === r || x.c === c) && (r === 'Total' || c === 'Total'), `${r} × ${c} missing yet counted`).toBe(false);
        published.push({ label: `${r} × ${c}`, value: 0, published: 0, status: null });
        continue;
      }
      expect(row, `row ${r}`).toBeDefined();
      expect(j, `${c} in ${header.join(' | ')}`).toBeGreaterThan(0);
      const cell = row!.cells[j]!;
      published.push({ label: `${r} × ${c}`, value: 0, published: typeof cell.value === 'number' ? cell.value : null, status: cell.status });
    }
  }
  return { grid, published, categories: { rows: rs, columns: cs } };
}
