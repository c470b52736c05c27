// Result type names from real engine results (duckdb-wasm, Node build).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newTestEngine } from '../engine/node-native.ts';
import type { Engine } from '../engine/types.ts';
import { isNumericType, sqlTypeName } from './arrow-types.ts';

let engine: Engine;
beforeAll(async () => {
  engine = newTestEngine();
  await engine.open();
});
afterAll(() => engine.close());

it('names result types as DuckDB does and marks numbers', async () => {
  const { table } = await engine.query(
    "SELECT 1::INTEGER AS i, 2::BIGINT AS b, 1.5::DOUBLE AS d, 'x' AS v, DATE '2024-01-02' AS dt, true AS t",
  );
  const names = table.schema.fields.map((f) => sqlTypeName(f.type));
  // BIGINT arrives as DOUBLE: the engine casts BIGINT to double so figures are plain numbers.
  expect(names).toEqual(['INTEGER', 'DOUBLE', 'DOUBLE', 'VARCHAR', 'DATE', 'BOOLEAN']);
  expect(table.schema.fields.map((f) => isNumericType(f.type))).toEqual([true, true, true, false, false, false]);
});
