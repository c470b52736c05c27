// Engine layer: the services a briefing pack needs to resolve its live items, over one engine — pivots through the
// pivot runner, disclosure control through the injected solver, small query results read out of Arrow, and charts
// rendered to SVG; disclosure control is injected (a worker in the page). The page and the tests build packs through
// this same factory.
import type { Table } from 'apache-arrow';
import { renderChartSvg } from '../io/chart-svg.ts';
import type { DatasetInfo, PackServices, QueryRows } from '../pack/resolve.ts';
import { MAX_QUERY_ROWS } from '../pack/resolve.ts';
import { sourceLabels } from '../pack/datasets.ts';
import { protectPivotsTogether } from '../sdc/pivot-link.ts';
import { pivotSdcTable, protectedPivot } from '../sdc/pivot-protect.ts';
import type { ProtectionResult } from '../sdc/protect.ts';
import type { SdcRules } from '../sdc/rules.ts';
import type { SdcTable } from '../sdc/table.ts';
import { pivotChartOption } from '../viz/pivot-chart.ts';
import { toScalar } from '../query/pivot/layout.ts';
import { QueryError, type Engine } from './types.ts';
import { explainQueryError } from './explain-error.ts';
import { PivotRunner } from './pivot-runner.ts';
import { tableFingerprint } from './fingerprint.ts';

function rowsOf(table: Table): QueryRows {
  const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
  const vectors = table.schema.fields.map((f) => table.getChild(f.name));
  // Only the rows a pack can hold (and one more, so the resolver can say the result is too big) leave Arrow.
  const n = Math.min(table.numRows, MAX_QUERY_ROWS + 1);
  const rows = Array.from({ length: n }, (_, i) => vectors.map((v) => toScalar(v?.get(i))));
  return { columns, rows };
}

/** DuckDB type names for Arrow's (Int32 → INTEGER …), so the pack formats whole numbers as whole numbers. */
function duckType(arrowType: string): string {
  if (/^u?int(8|16|32|64)$/i.test(arrowType)) return 'BIGINT';
  if (/^float/i.test(arrowType)) return 'DOUBLE';
  if (/^decimal/i.test(arrowType)) return 'DECIMAL';
  return 'VARCHAR';
}

/** Disclosure control of one table (in the page: through a worker; in tests: protectTable with Node's HiGHS). */
export type ProtectFn = (table: SdcTable, rules: SdcRules) => Promise<ProtectionResult>;

export function createPackServices(
  engine: Engine,
  protect: ProtectFn,
  datasets: DatasetInfo[],
  appVersion: string,
  savedPivot: PackServices['savedPivot'] = () => null,
  publishedTogether: PackServices['publishedTogether'] = () => [],
): PackServices {
  return {
    async runPivot(spec) {
      // A runner of its own, so the SQL recorded as provenance is complete (the base aggregate and the pivot), never
      // a query over a cached table another pivot made.
      const runner = new PivotRunner(engine, (source) => sourceLabels(source, datasets));
      try {
        const run = await runner.run(spec, await runner.schema(spec.source));
        return { layout: run.layout, sql: run.sql };
      } finally {
        await runner.invalidate();
      }
    },
    async protect(spec, layout, k, rules) {
      const sdc = pivotSdcTable(layout, k);
      const result = await protect(sdc.table, rules);
      return protectedPivot(spec, layout, k, sdc, result, rules);
    },
    protectTogether: (members) => protectPivotsTogether(members, protect),
    async query(sql) {
      const result = await engine.query(sql, { readOnly: true }).catch((err: unknown) => {
        // A refusal is the analyst's to fix, in words; an engine error keeps the engine's own message.
        if (err instanceof QueryError && err.kind !== 'sql') throw new Error(explainQueryError(err.engineMessage, err.kind).summary);
        throw err;
      });
      const rows = rowsOf(result.table);
      return { ...rows, columns: rows.columns.map((c) => ({ ...c, type: duckType(c.type) })) };
    },
    async changedDatasets(used) {
      const changed: string[] = [];
      for (const d of used) {
        const now = d.fingerprint === null ? null : await tableFingerprint(engine, d.id).catch(() => null);
        if (now === null || now !== d.fingerprint) changed.push(d.id);
      }
      return changed;
    },
    chartSvg: (layout, chart, width, height) => renderChartSvg(pivotChartOption(layout, chart), width, height),
    datasets,
    appVersion,
    savedPivot,
    publishedTogether,
    now: () => new Date().toISOString(),
  };
}
