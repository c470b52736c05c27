// Import layer, pure: reads a Parquet file into a grid for the import pipeline, with hyparquet (plain JavaScript, so
// it runs in the page's import worker and in Node; duckdb-wasm has no parquet extension offline) and
// hyparquet-compressors for snappy, gzip, zstd and brotli pages. Values are kept exact: 64-bit integers beyond 2^53
// and decimals arrive as text with every digit, dates and timestamps as ISO text at the file's own precision, and
// nested values as JSON text. Each column's Parquet type is reported, and its DuckDB type is passed on
// (GridTable.columnTypes) so the pipeline creates the column as the file declares it rather than guessing again.
import { type FileMetaData, parquetMetadata, parquetRead, parquetSchema, type SchemaElement, type SchemaTree } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { headerNames } from './official-layout.ts';
import type { Cell, GridTable, ImportWarning } from './types.ts';
import { ImportError } from './types.ts';

const MAGIC = 0x31524150; // "PAR1"
const ENCRYPTED_MAGIC = 0x45524150; // "PARE": encrypted footer

/** How a column's values are turned into cells, decided once from its schema. */
type Kind = 'plain' | 'decimal' | 'time' | 'timestamp-utc' | 'nested' | 'bytes';

interface Column {
  name: string;
  kind: Kind;
  scale: number;
  /** Units a second has, for TIME columns. */
  perSecond: bigint;
  parquetType: string;
  duckdbType: string;
}

const pad = (n: number | bigint, width = 2) => String(n).padStart(width, '0');

/** "2023-03-31" for days since 1970-01-01. */
function dateText(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** Exact "YYYY-MM-DD HH:MM:SS[.fff…]" for a count of units since 1970-01-01 UTC; fractions only when not zero. */
function timestampText(count: bigint, perSecond: bigint, digits: number): string {
  let secs = count / perSecond;
  let frac = count % perSecond;
  if (frac < 0n) {
    frac += perSecond;
    secs -= 1n;
  }
  const iso = new Date(Number(secs) * 1000).toISOString();
  const fraction = frac === 0n ? '' : `.${pad(frac, digits)}`.replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}`;
}

function timeText(count: bigint, perSecond: bigint): string {
  const secs = count / perSecond;
  const frac = count % perSecond;
  const digits = String(perSecond).length - 1;
  const fraction = frac === 0n ? '' : `.${pad(frac, digits)}`.replace(/0+$/, '');
  return `${pad(secs / 3600n)}:${pad((secs / 60n) % 60n)}:${pad(secs % 60n)}${fraction}`;
}

/** A scaled integer as exact decimal text: 12345 at scale 2 → "123.45". */
function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = String(negative ? -unscaled : unscaled).padStart(scale + 1, '0');
  const whole = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${whole}` : whole;
}

/** A big-endian two's-complement integer (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY decimals). */
function signedBytes(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  const bits = BigInt(bytes.length * 8);
  return bytes.length > 0 && (bytes[0] ?? 0) & 0x80 ? v - (1n << bits) : v;
}

const hex = (bytes: Uint8Array) => `\\x${Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('\\x')}`;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function integerCell(v: bigint): Cell {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v);
}

function json(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? integerCell(x) : x instanceof Uint8Array ? hex(x) : x));
}

function cell(v: unknown, col: Column): Cell {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'decimal':
      return decimalText(v instanceof Uint8Array ? signedBytes(v) : BigInt(v as number | bigint), col.scale);
    case 'time':
      return timeText(BigInt(v as number | bigint), col.perSecond);
    case 'timestamp-utc':
      return `${String(v)}+00`;
    case 'nested':
      return json(v);
    default:
  }
  if (typeof v === 'bigint') return integerCell(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Uint8Array) {
    try {
      return col.kind === 'bytes' ? hex(v) : utf8.decode(v);
    } catch {
      return hex(v);
    }
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().replace('T', ' ').replace(/(\.000)?Z$/, '');
  return json(v);
}

const INT_TYPES: Record<string, string> = { '8': 'TINYINT', '16': 'SMALLINT', '32': 'INTEGER', '64': 'BIGINT' };

/** How one top-level column is read and named: Parquet type (for the analyst) and DuckDB type (for the pipeline). */
function describe(tree: SchemaTree): Column {
  const el: SchemaElement = tree.element;
  const lt = el.logical_type;
  const ct = el.converted_type;
  const base: Column = { name: el.name, kind: 'plain', scale: 0, perSecond: 1n, parquetType: el.type ?? 'GROUP', duckdbType: 'VARCHAR' };
  if (tree.children.length > 0) {
    const what = lt?.type === 'LIST' || ct === 'LIST' ? 'LIST' : lt?.type === 'MAP' || ct === 'MAP' ? 'MAP' : 'STRUCT';
    return { ...base, kind: 'nested', parquetType: what };
  }
  if (lt?.type === 'DECIMAL' || ct === 'DECIMAL') {
    const precision = lt?.type === 'DECIMAL' ? lt.precision : (el.precision ?? 38);
    const scale = lt?.type === 'DECIMAL' ? lt.scale : (el.scale ?? 0);
    const type = `DECIMAL(${precision},${scale})`;
    return { ...base, kind: 'decimal', scale, parquetType: type, duckdbType: precision <= 38 ? type : 'VARCHAR' };
  }
  if (lt?.type === 'TIME' || ct === 'TIME_MILLIS' || ct === 'TIME_MICROS') {
    const unit = lt?.type === 'TIME' ? lt.unit : ct === 'TIME_MILLIS' ? 'MILLIS' : 'MICROS';
    const perSecond = unit === 'MILLIS' ? 1000n : unit === 'MICROS' ? 1_000_000n : 1_000_000_000n;
    return { ...base, kind: 'time', perSecond, parquetType: `TIME(${unit})`, duckdbType: 'TIME' };
  }
  if (lt?.type === 'TIMESTAMP' || ct === 'TIMESTAMP_MILLIS' || ct === 'TIMESTAMP_MICROS' || el.type === 'INT96') {
    const utc = lt?.type === 'TIMESTAMP' ? lt.isAdjustedToUTC : true;
    const unit = lt?.type === 'TIMESTAMP' ? lt.unit : ct === 'TIMESTAMP_MILLIS' ? 'MILLIS' : el.type === 'INT96' ? 'NANOS' : 'MICROS';
    return { ...base, kind: utc ? 'timestamp-utc' : 'plain', parquetType: `TIMESTAMP(${unit}${utc ? ', UTC' : ''})`, duckdbType: utc ? 'TIMESTAMPTZ' : 'TIMESTAMP' };
  }
  if (lt?.type === 'DATE' || ct === 'DATE') return { ...base, parquetType: 'DATE', duckdbType: 'DATE' };
  if (lt?.type === 'STRING' || lt?.type === 'ENUM' || lt?.type === 'JSON' || ct === 'UTF8' || ct === 'ENUM' || ct === 'JSON') {
    return { ...base, parquetType: lt?.type ?? (ct === 'UTF8' ? 'STRING' : (ct ?? 'STRING')) };
  }
  if (lt?.type === 'UUID') return { ...base, parquetType: 'UUID', duckdbType: 'UUID' };
  if (lt?.type === 'INTEGER') {
    const t = INT_TYPES[String(lt.bitWidth)] ?? 'BIGINT';
    return { ...base, parquetType: `${lt.isSigned ? '' : 'U'}INT${lt.bitWidth}`, duckdbType: lt.isSigned ? t : `U${t}` };
  }
  const physical: Record<string, string> = { BOOLEAN: 'BOOLEAN', INT32: 'INTEGER', INT64: 'BIGINT', FLOAT: 'FLOAT', DOUBLE: 'DOUBLE' };
  if (el.type && physical[el.type]) return { ...base, duckdbType: physical[el.type] ?? 'VARCHAR' };
  return { ...base, kind: 'bytes', duckdbType: 'BLOB' };
}

/** Timestamps and dates as exact text, whatever their unit; hyparquet's defaults would round them through Date. */
const parsers = {
  timestampFromMilliseconds: (v: bigint) => timestampText(BigInt(v), 1000n, 3),
  timestampFromMicroseconds: (v: bigint) => timestampText(BigInt(v), 1_000_000n, 6),
  timestampFromNanoseconds: (v: bigint) => timestampText(BigInt(v), 1_000_000_000n, 9),
  dateFromDays: (v: number) => dateText(v),
};

function metadataOf(bytes: Uint8Array, file: string): FileMetaData {
  if (bytes.length === 0) throw new ImportError('empty', file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || view.getUint32(0, true) !== MAGIC) {
    if (bytes.length >= 4 && view.getUint32(0, true) === ENCRYPTED_MAGIC) throw new ImportError('password', file, { detail: 'encrypted Parquet' });
    throw new ImportError('unknown-format', file, { detail: 'not a Parquet file (it does not start with PAR1)' });
  }
  const tail = bytes.length >= 8 ? view.getUint32(bytes.length - 4, true) : 0;
  if (tail === ENCRYPTED_MAGIC) throw new ImportError('password', file, { detail: 'encrypted Parquet' });
  if (tail !== MAGIC) throw new ImportError('truncated', file, { detail: 'the Parquet footer is missing' });
  if (view.getUint32(bytes.length - 8, true) > bytes.length - 12) throw new ImportError('truncated', file, { detail: 'the Parquet footer is cut short' });
  try {
    return parquetMetadata(bytes, { parsers });
  } catch (e) {
    throw new ImportError('corrupt', file, { detail: e instanceof Error ? e.message : String(e) });
  }
}

/** Reads a whole Parquet file as a grid. Throws ImportError 'empty', 'unknown-format', 'truncated', 'corrupt' or 'password'. */
export async function readParquet(bytes: Uint8Array, file: string): Promise<GridTable> {
  const metadata = metadataOf(bytes, file);
  const columns = parquetSchema(metadata).children.map(describe);
  // Decimals are read as their raw scaled integers (hyparquet would round them through a double) and written exactly here.
  const raw: FileMetaData = {
    ...metadata,
    schema: metadata.schema.map((el) => (el.converted_type === 'DECIMAL' || el.logical_type?.type === 'DECIMAL' ? { ...el, converted_type: undefined, logical_type: undefined } : el)),
  };
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let values: unknown[][] = [];
  try {
    await parquetRead({ file: buffer, metadata: raw, compressors, parsers, utf8: false, rowFormat: 'array', onComplete: (rows) => (values = rows) });
  } catch (e) {
    throw new ImportError('corrupt', file, { detail: e instanceof Error ? e.message : String(e) });
  }
  const rows = values.map((row) => columns.map((col, c) => cell(row[c], col)));

  const names = headerNames(columns.map((c) => c.name));
  const warnings: ImportWarning[] = [];
  columns.forEach((col, c) => {
    if (col.kind !== 'nested') return;
    const count = rows.filter((r) => r[c] !== null).length;
    if (count > 0) warnings.push({ kind: 'nested-values', count, examples: rows.flatMap((r) => (r[c] === null ? [] : [String(r[c])])).slice(0, 3), column: names[c] });
  });
  const codecs = [...new Set(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec ?? 'UNCOMPRESSED')))];
  return {
    name: file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || file,
    header: columns.map((c) => c.name),
    rows,
    columnTypes: columns.map((c) => c.duckdbType),
    detected: [
      { label: 'Format', value: 'Parquet' },
      { label: 'Column types', value: columns.map((c) => `${c.name} ${c.parquetType}`).join(', ') },
      { label: 'Rows', value: String(metadata.num_rows) },
      { label: 'Compression', value: codecs.join(', ') || 'none' },
      ...(metadata.created_by ? [{ label: 'Written by', value: metadata.created_by }] : []),
    ],
    warnings,
  };
}
