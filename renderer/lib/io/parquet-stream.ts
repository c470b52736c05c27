// Import/export layer: a whole query result as Parquet, written a slice of rows at a time (each slice a row group)
// with hyparquet-writer — the same code on both engines, since duckdb-wasm has no Parquet writer offline
// (toolchain.md). Values arrive as DuckDB's own text and are turned into Parquet's types exactly: integers and
// decimals through BigInt (never a double on the way), dates as days, timestamps as microseconds, doubles by
// JavaScript's round-trip parse of DuckDB's shortest text. Types Parquet has no plain match for (HUGEINT, lists,
// intervals…) are written as text in DuckDB's own wording. The query and export time go in the file's metadata.
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';

type ParquetKind = 'boolean' | 'int32' | 'int64' | 'float' | 'double' | 'decimal' | 'date' | 'timestamp' | 'text';

interface ParquetColumn {
  name: string;
  kind: ParquetKind;
  scale: number;
  element: SchemaElement;
}

const DECIMAL_TYPE = /^DECIMAL\((\d+),\s*(\d+)\)$/i;
const DAY_MS = 86_400_000;

/** The Parquet column a DuckDB type (DESCRIBE's column_type) is written as. */
export function parquetColumn(name: string, duckdbType: string): ParquetColumn {
  const t = duckdbType.trim().toUpperCase();
  const element = (e: Omit<SchemaElement, 'name' | 'repetition_type'>): SchemaElement => ({ name, repetition_type: 'OPTIONAL', ...e });
  const decimal = DECIMAL_TYPE.exec(t);
  if (decimal) {
    const precision = Number(decimal[1]);
    const scale = Number(decimal[2]);
    const type = precision <= 9 ? 'INT32' : precision <= 18 ? 'INT64' : 'FIXED_LEN_BYTE_ARRAY';
    return { name, kind: 'decimal', scale, element: element({ type, converted_type: 'DECIMAL', precision, scale, ...(type === 'FIXED_LEN_BYTE_ARRAY' ? { type_length: 16 } : {}) }) };
  }
  const simple = (kind: ParquetKind, e: Omit<SchemaElement, 'name' | 'repetition_type'>) => ({ name, kind, scale: 0, element: element(e) });
  switch (t) {
    case 'BOOLEAN': return simple('boolean', { type: 'BOOLEAN' });
    case 'TINYINT': case 'SMALLINT': case 'INTEGER': case 'UTINYINT': case 'USMALLINT': return simple('int32', { type: 'INT32' });
    case 'BIGINT': case 'UINTEGER': return simple('int64', { type: 'INT64' });
    case 'FLOAT': return simple('float', { type: 'FLOAT' });
    case 'DOUBLE': return simple('double', { type: 'DOUBLE' });
    case 'DATE': return simple('date', { type: 'INT32', converted_type: 'DATE' });
    case 'TIMESTAMP': case 'DATETIME': return simple('timestamp', { type: 'INT64', converted_type: 'TIMESTAMP_MICROS' });
    default: return simple('text', { type: 'BYTE_ARRAY', converted_type: 'UTF8' });
  }
}

const TIMESTAMP_TEXT = /^(-?\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

function days(text: string): number | string {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})$/.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : text;
}

function micros(text: string): bigint | string {
  const m = TIMESTAMP_TEXT.exec(text);
  if (!m) return text;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return BigInt(ms) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0'));
}

/** DuckDB's text of a decimal ("-12.50") as its unscaled integer (-1250n). */
function unscaled(text: string, scale: number): bigint {
  const [whole = '0', fraction = ''] = text.replace(/^-/, '').split('.');
  const digits = BigInt(`${whole}${fraction.padEnd(scale, '0')}`);
  return text.startsWith('-') ? -digits : digits;
}

function double(text: string): number {
  if (/^-?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return /^nan$/i.test(text) ? NaN : Number(text);
}

/** One value from DuckDB's text; a text that does not read as its type (DuckDB's "infinity" date) stays a problem. */
function value(column: ParquetColumn, text: string): unknown {
  switch (column.kind) {
    case 'boolean': return text === 'true';
    case 'int32': return Number(text);
    case 'int64': return BigInt(text);
    case 'float': case 'double': return double(text);
    case 'decimal': return unscaled(text, column.scale);
    case 'date': return days(text);
    case 'timestamp': return micros(text);
    case 'text': return text;
  }
}

/** Why a value cannot go in the Parquet file as its type (a DATE 'infinity'): said with its column. */
export class ParquetValueError extends Error {
  constructor(readonly column: string, readonly text: string) {
    super(`Column “${column}” holds “${text}”, which Parquet cannot hold in a column of its type.`);
    this.name = 'ParquetValueError';
  }
}

/** Writes a result as Parquet: `rows` for each slice (cell text by row and column, null for NULL), then `finish`. */
export class ParquetResultWriter {
  private readonly columns: ParquetColumn[];
  private readonly out = new ByteWriter();
  private readonly writer: ParquetWriter;

  constructor(columns: ReadonlyArray<{ name: string; type: string }>, metadata: Record<string, string>, createdBy: string) {
    this.columns = columns.map((c) => parquetColumn(c.name, c.type));
    const schema: SchemaElement[] = [{ name: 'root', num_children: this.columns.length }, ...this.columns.map((c) => c.element)];
    this.writer = new ParquetWriter({ writer: this.out, schema, createdBy, kvMetadata: Object.entries(metadata).map(([key, v]) => ({ key, value: v })) });
  }

  rows(count: number, text: (row: number, column: number) => string | null): void {
    if (count === 0) return;
    const columnData = this.columns.map((column, c) => {
      const data = new Array<unknown>(count);
      for (let r = 0; r < count; r += 1) {
        const t = text(r, c);
        const v = t === null ? null : value(column, t);
        if (typeof v === 'string' && column.kind !== 'text') throw new ParquetValueError(column.name, v);
        data[r] = v;
      }
      return { name: column.name, data };
    });
    void this.writer.write({ columnData: columnData as Parameters<ParquetWriter['write']>[0]['columnData'], rowGroupSize: count });
  }

  finish(): Uint8Array {
    this.writer.finish();
    return new Uint8Array(this.out.getBuffer());
  }
}
