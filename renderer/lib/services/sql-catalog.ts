// Services layer: the engine's catalog as the SQL editor completes from it — the tables and views SQL can name
// without a prefix (the work database's, and temporary ones) with their columns and types, DuckDB's functions with
// their signatures, and its keywords. Read by SQL, so both engines answer alike; functions and keywords do not
// change in a session and are read once, tables after every run. Only text and flags are read back (the engines
// give lists differently), so each function's signatures come as lines of one text.
import type { Engine } from '../engine/types.ts';
import type { CatalogFunction, CatalogTable, SqlCatalog } from '../query/completion.ts';

const TABLES_SQL = `SELECT t.table_name AS name, t.table_type AS type, c.column_name AS col, c.data_type AS col_type
FROM information_schema.tables t
JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
WHERE (t.table_catalog = current_database() AND t.table_schema = current_schema()) OR t.table_catalog = 'temp'
ORDER BY t.table_name, c.ordinal_position`;

const FUNCTIONS_SQL = `SELECT function_name AS name, any_value(function_type) AS kind,
  string_agg(DISTINCT function_name || '(' || array_to_string(list_transform(range(1, len(parameters) + 1), i -> parameters[i] || coalesce(' ' || parameter_types[i], '')), ', ') || ')' || coalesce(' → ' || return_type, ''), chr(10) ORDER BY 1) AS signatures,
  coalesce(any_value(description), '') AS description
FROM duckdb_functions()
WHERE function_type IN ('scalar', 'aggregate', 'macro', 'table', 'table_macro') AND NOT starts_with(function_name, '__')
  AND regexp_full_match(function_name, '[A-Za-z_][A-Za-z0-9_]*')
GROUP BY function_name ORDER BY function_name`;

const KEYWORDS_SQL = "SELECT keyword_name AS word, keyword_category = 'reserved' AS reserved FROM duckdb_keywords() ORDER BY 1";

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export async function readCatalogTables(engine: Engine): Promise<CatalogTable[]> {
  const { table } = await engine.query(TABLES_SQL, { readOnly: true });
  const [name, type, col, colType] = ['name', 'type', 'col', 'col_type'].map((c) => table.getChild(c)!);
  const tables: CatalogTable[] = [];
  for (let i = 0; i < table.numRows; i += 1) {
    const tableName = text(name!.get(i));
    let last = tables.at(-1);
    if (last?.name !== tableName) {
      last = { name: tableName, kind: text(type!.get(i)) === 'VIEW' ? 'view' : 'table', columns: [] };
      tables.push(last);
    }
    last.columns.push({ name: text(col!.get(i)), type: text(colType!.get(i)) });
  }
  return tables;
}

export async function readCatalogFunctions(engine: Engine): Promise<Pick<SqlCatalog, 'functions' | 'keywords' | 'reserved'>> {
  const functions = (await engine.query(FUNCTIONS_SQL, { readOnly: true })).table;
  const [name, kind, signatures, description] = ['name', 'kind', 'signatures', 'description'].map((c) => functions.getChild(c)!);
  const list: CatalogFunction[] = [];
  for (let i = 0; i < functions.numRows; i += 1) {
    const forms = text(signatures!.get(i));
    list.push({ name: text(name!.get(i)), kind: text(kind!.get(i)), signatures: forms ? forms.split('\n') : [], description: text(description!.get(i)) });
  }
  const words = (await engine.query(KEYWORDS_SQL, { readOnly: true })).table;
  const [word, reserved] = [words.getChild('word')!, words.getChild('reserved')!];
  const keywords = [...word].map(text);
  return { functions: list, keywords, reserved: keywords.filter((_, i) => reserved.get(i) === true) };
}
