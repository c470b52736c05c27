// Engine host layer: a table created from an Arrow IPC stream. node-api has no Arrow import (wasm has
// insertArrowFromIPCStream), so the host reads the stream with apache-arrow, creates the table with the matching
// DuckDB types, and fills it through DuckDB's appender a data chunk (2048 rows) at a time. The app sends imported
// grids as all-Utf8 tables (renderer/lib/services/import/staging.ts); numbers, booleans and dates are here for
// tables built by code.
import { Type, tableFromIPC, type DataType, type Vector } from 'apache-arrow';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, DuckDBDataChunk, DuckDBDateValue, DuckDBVector, FLOAT, INTEGER, SMALLINT, TINYINT,
  VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue,
} from '@duckdb/node-api';

/** An Arrow type the host cannot store (the message says which). */
export class UnsupportedArrowError extends Error {
  override name = 'UnsupportedArrowError';
}

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const MS_PER_DAY = 86_400_000;

/** The DuckDB type for an Arrow column and how one Arrow value becomes a DuckDB value. */
function duckTypeOf(type: DataType, name: string): { duck: DuckDBType; value: (v: unknown) => DuckDBValue } {
  const same = (duck: DuckDBType) => ({ duck, value: (v: unknown) => v as DuckDBValue });
  switch (type.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8: return same(VARCHAR);
    case Type.Float: return (type as unknown as { precision: number }).precision === 2 ? same(DOUBLE) : same(FLOAT);
    case Type.Bool: return same(BOOLEAN);
    case Type.Int: {
      const { bitWidth, isSigned } = type as unknown as { bitWidth: number; isSigned: boolean };
      if (!isSigned) break;
      if (bitWidth === 8) return same(TINYINT);
      if (bitWidth === 16) return same(SMALLINT);
      if (bitWidth === 32) return same(INTEGER);
      return { duck: BIGINT, value: (v) => BigInt(v as bigint) };
    }
    case Type.Date: return { duck: DATE, value: (v) => new DuckDBDateValue(Math.round((v as number) / MS_PER_DAY)) };
  }
  throw new UnsupportedArrowError(`Column "${name}" has an Arrow type the engine cannot store: ${String(type)}.`);
}

/** Creates `table` (a plain name, quoted here) from the stream; DuckDB refuses if it exists already. */
export async function insertArrowIpc(connection: DuckDBConnection, table: string, ipc: Uint8Array): Promise<void> {
  const arrow = tableFromIPC(ipc);
  const columns = arrow.schema.fields.map((field, i) => ({ ...duckTypeOf(field.type, field.name), name: field.name, vector: arrow.getChildAt(i) as Vector }));
  if (columns.length === 0) throw new UnsupportedArrowError('The Arrow table has no columns.');
  await connection.run(`CREATE TABLE ${ident(table)} (${columns.map((c) => `${ident(c.name)} ${c.duck.toString()}`).join(', ')})`);
  try {
    await append(connection, table, columns, arrow.numRows);
  } catch (err) {
    // Half a table would look like a whole one to the page: the import failed, so nothing of it stays.
    await connection.run(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => {});
    throw err;
  }
}

async function append(
  connection: DuckDBConnection,
  table: string,
  columns: { duck: DuckDBType; value: (v: unknown) => DuckDBValue; vector: Vector }[],
  numRows: number,
): Promise<void> {
  const appender = await connection.createAppender(table);
  try {
    const size = DuckDBVector.standardSize();
    const types = columns.map((c) => c.duck);
    for (let start = 0; start < numRows; start += size) {
      const length = Math.min(size, numRows - start);
      const chunk = DuckDBDataChunk.create(types, length);
      chunk.setColumns(columns.map((c) => {
        const values: DuckDBValue[] = new Array(length);
        for (let i = 0; i < length; i++) {
          const v = c.vector.get(start + i) as unknown;
          values[i] = v === null || v === undefined ? null : c.value(v);
        }
        return values;
      }));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
