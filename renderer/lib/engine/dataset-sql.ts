// Engine layer, pure: the SQL that turns a registered CSV file into a typed table, with the manifest's column
// types forced (no sniffing of types), so "0012" stays what the manifest says and a bad value fails loudly.
import { quoteIdent, quoteString } from '../query/quote.ts';
import type { DatasetDef } from './manifest.ts';

/** The virtual file name a dataset's bytes are registered under inside the engine. */
export function datasetFileName(def: DatasetDef): string {
  return `builtin/${def.file}`;
}

/** `file` is where the engine put the dataset's bytes (Engine.registerFile's answer); its virtual name by default. */
export function createTableSql(def: DatasetDef, file = datasetFileName(def)): string {
  const columns = def.columns.map((c) => `${quoteString(c.name)}: ${quoteString(c.type)}`).join(', ');
  return (
    `CREATE OR REPLACE TABLE ${quoteIdent(def.id)} AS SELECT * FROM read_csv(${quoteString(file)}, ` +
    `header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = {${columns}})`
  );
}
