// Script layer (part of `npm run bench`; alone: `npx tsx scripts/bench-profile.ts [rows]`): the column profile of a
// generated 1M-row referral-shaped table (8 columns: 2 numbers, 6 categories) — DESCRIBE, the one-scan summary,
// then each column's top values (with its distinct count) and histogram — on duckdb-wasm's Node build (the engine
// the page runs, single-threaded like the page's default bundle), against native DuckDB (@duckdb/node-api, same
// DuckDB version, 1 thread) running the very SQL the profile ran, in the same run. Median of 5 each.
import { DuckDBInstance } from '@duckdb/node-api';
import { NodeEngine } from '../renderer/lib/engine/node.ts';
import { profileTable } from '../renderer/lib/engine/profile-runner.ts';
import { generateReferralsSql } from './bench-data.ts';

const REPEATS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface ProfileBench { rows: number; columns: number; queries: number; wasmMs: number; nativeMs: number }

export async function benchProfile(rows = 1_000_000): Promise<ProfileBench> {
  const table = 'bench_profile';
  const engine = new NodeEngine();
  await engine.open();
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await instance.connect();
  try {
    await engine.query(generateReferralsSql(table, rows));
    await conn.run(generateReferralsSql(table, rows));
    const wasm: number[] = [];
    let sql: string[] = [];
    let columns = 0;
    for (let i = 0; i < REPEATS; i++) {
      const run = (await profileTable(engine, table))!;
      wasm.push(run.elapsedMs);
      sql = run.sql;
      columns = run.summary.columns.length;
    }
    const native: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      const t0 = performance.now();
      for (const s of sql) await conn.runAndReadAll(s);
      native.push(performance.now() - t0);
    }
    return { rows, columns, queries: sql.length, wasmMs: median(wasm), nativeMs: median(native) };
  } finally {
    conn.closeSync();
    await engine.close();
  }
}

if (import.meta.filename === process.argv[1]) {
  const r = await benchProfile(Number(process.argv[2] ?? 1_000_000));
  console.log(`profile of a ${r.rows.toLocaleString('en-GB')}-row table (${r.columns} columns, ${r.queries} queries): wasm ${r.wasmMs.toFixed(1)} ms, native ${r.nativeMs.toFixed(1)} ms, ratio ${(r.wasmMs / r.nativeMs).toFixed(2)}`);
}
