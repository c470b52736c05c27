// The SQL editor's completion on the real engine (duckdb-wasm's Node build, and native DuckDB in the engine matrix):
// the catalog read by SQL, then what is offered at the cursor — tables (built-in, imported, made in the session),
// columns with types also after `alias.`, functions with signatures, keywords (the bench times it on 200 tables).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWithBuiltins } from '../engine/node-builtin.ts';
import type { Engine } from '../engine/types.ts';
import { completeSql, type SqlCatalog } from '../query/completion.ts';
import { readCatalogFunctions, readCatalogTables } from './sql-catalog.ts';

let engine: Engine;
let catalog: SqlCatalog;
let builtinTable: string;

beforeAll(async () => {
  const opened = await openWithBuiltins();
  engine = opened.engine;
  builtinTable = opened.manifest.datasets[0]!.id;
  await engine.query('CREATE TABLE "OCG map" (force VARCHAR, "Group count" INTEGER, "select" VARCHAR)');
  await engine.query('CREATE VIEW recent_forces AS SELECT force FROM "OCG map"');
  await engine.query('CREATE TEMP TABLE scratch AS SELECT 1 AS n');
  catalog = { tables: await readCatalogTables(engine), ...(await readCatalogFunctions(engine)) };
}, 120_000);
afterAll(() => engine.close());

const labels = (text: string, explicit = false, at = text.length) => completeSql(text, at, catalog, explicit)?.options.map((o) => o.label) ?? [];

describe('the catalog read from the engine', () => {
  it('has the built-in, created and temporary tables and views, each with its columns and types', () => {
    const names = catalog.tables.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining([builtinTable, 'OCG map', 'recent_forces', 'scratch']));
    expect(catalog.tables.find((t) => t.name === 'recent_forces')!.kind).toBe('view');
    expect(catalog.tables.find((t) => t.name === 'OCG map')!.columns).toEqual([
      { name: 'force', type: 'VARCHAR' },
      { name: 'Group count', type: 'INTEGER' },
      { name: 'select', type: 'VARCHAR' },
    ]);
  });

  it("has DuckDB's functions with their signatures, and its keywords", () => {
    const round = catalog.functions.find((f) => f.name === 'round')!;
    expect(round.signatures.some((s) => /^round\(.+\) → /.test(s))).toBe(true);
    expect(catalog.functions.find((f) => f.name === 'sum')!.kind).toBe('aggregate');
    expect(catalog.keywords.map((k) => k.toUpperCase())).toEqual(expect.arrayContaining(['SELECT', 'FROM', 'QUALIFY']));
  });
});

describe('completion at the cursor', () => {
  it('offers tables after FROM, quoting names SQL needs quoted', () => {
    const result = completeSql('SELECT * FROM OC', 16, catalog)!;
    expect(result.from).toBe(14);
    expect(result.options[0]).toMatchObject({ label: 'OCG map', kind: 'table', apply: '"OCG map"' });
    expect(labels('SELECT * FROM rec')).toContain('recent_forces');
    expect(labels('SELECT * FROM scr')).toContain('scratch');
  });

  it("offers a table's columns with their types after its alias and a dot", () => {
    const sql = 'SELECT m. FROM "OCG map" AS m';
    const result = completeSql(sql, 9, catalog)!;
    expect(result.options.map((o) => [o.label, o.detail, o.apply])).toEqual([
      ['force', 'VARCHAR · OCG map', 'force'],
      ['Group count', 'INTEGER · OCG map', '"Group count"'],
      ['select', 'VARCHAR · OCG map', '"select"'],
    ]);
    expect(labels('SELECT g.Gr FROM x JOIN "OCG map" g ON true', false, 11)).toEqual(['Group count']);
    expect(labels('SELECT recent_forces.f FROM recent_forces', false, 22)).toEqual(['force']);
  });

  it("offers the statement's columns first, then keywords and functions", () => {
    const options = completeSql('SELECT fo FROM "OCG map"', 9, catalog)!.options;
    expect(options[0]).toMatchObject({ label: 'force', kind: 'column' });
    expect(options.some((o) => o.kind === 'keyword' && o.label === 'FOR')).toBe(true);
    const sum = completeSql('SELECT su', 9, catalog)!.options.find((o) => o.label === 'sum')!;
    expect(sum.kind).toBe('function');
    expect(sum.detail).toMatch(/^sum\(/);
  });

  it('reads only the statement under the cursor, and offers nothing in a string or comment', () => {
    expect(labels('SELECT 1 FROM "OCG map";\nSELECT fo', false)).not.toContain('force');
    expect(labels("SELECT 'fo")).toEqual([]);
    expect(labels('-- fo')).toEqual([]);
    expect(labels('SELECT ')).toEqual([]);
    expect(labels('SELECT ', true).length).toBeGreaterThan(500);
  });

  it('offers the columns of both joined tables from a 200-table catalog', () => {
    const big: SqlCatalog = {
      ...catalog,
      tables: Array.from({ length: 200 }, (_, t) => ({ name: `table_${t}`, kind: 'table' as const, columns: Array.from({ length: 30 }, (_, c) => ({ name: `column_${c}`, type: 'VARCHAR' })) })),
    };
    const sql = 'SELECT t.column_1, c FROM table_7 t JOIN table_150 u ON t.column_2 = u.column_2 WHERE ';
    const columns = completeSql(sql + 'c', sql.length + 1, big)!.options.filter((o) => o.kind === 'column');
    expect(columns).toHaveLength(60);
    expect(new Set(columns.map((o) => o.detail.split(' · ')[1]))).toEqual(new Set(['table_7', 'table_150']));
  });
});
