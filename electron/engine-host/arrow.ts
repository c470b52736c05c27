// Engine host layer: a native DuckDB result as one Arrow IPC stream, the form every result takes to the page. The
// page was built on duckdb-wasm's Arrow (opened with castBigIntToDouble and castDecimalToDouble), so the types here
// are the ones it gives: 64/128-bit integers and decimals as Float64, dates as DateDay, timestamps in their unit.
// node-api has no Arrow export, and row objects cost seconds per million rows, so columns are copied from DuckDB's
// data chunks as typed arrays with DuckDB's validity mask reused as Arrow's null bitmap (both LSB-first bits).
//
// Where the two engines differ on purpose (arrow.test.ts checks the rest value by value):
// - UHUGEINT is Float64 here; wasm gives its raw 16 bytes (FixedSizeBinary), which the page cannot read as a number.
// - LIST, STRUCT, MAP, ARRAY, UNION, ENUM, INTERVAL, BIT, BIGNUM and TIME_NS are Utf8 of node-api's text form of the
//   value (close to DuckDB's own CAST to VARCHAR); wasm gives nested Arrow types, a dictionary or raw bytes. The
//   workbench shows such values as text anyway, and building nested Arrow from chunks is not worth it yet.
import {
  Binary, Bool, DateDay, Field, Float32, Float64, Int8, Int16, Int32, Uint8, Uint16, Uint32, RecordBatch, Schema,
  RecordBatchStreamWriter, Struct, TimeMicrosecond, TimeUnit, Timestamp, Utf8, makeData, type Data, type DataType,
} from 'apache-arrow';
import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBDecimalType, type DuckDBMaterializedResult, type DuckDBResult, type DuckDBType, type DuckDBVector } from '@duckdb/node-api';
import bindings from '@duckdb/node-bindings';

/**
 * What node-api's vectors hold but do not expose: the typed array over DuckDB's data, a DataView for the widths
 * without one, and the validity words (null when nothing is null). Read only, and copied before the chunk goes.
 */
interface VectorInternals {
  items?: ArrayBufferView & ArrayLike<number | bigint>;
  dataView?: DataView;
  validity?: { data: BigUint64Array | null; offset: number };
  itemOffset?: number;
}

interface Validity {
  bitmap: Uint8Array | undefined;
  nullCount: number;
  valid(i: number): boolean;
}

const BITS = new Uint8Array(256).map((_, b) => { let n = 0; for (let x = b; x; x >>= 1) n += x & 1; return n; });

/** The vector's null mask as an Arrow bitmap (a copy), or none when every value is present. */
function validityOf(vector: DuckDBVector, length: number): Validity {
  const internal = (vector as unknown as VectorInternals).validity;
  let bitmap: Uint8Array | undefined;
  if (internal && internal.offset === 0) {
    if (internal.data) bitmap = new Uint8Array(internal.data.buffer, internal.data.byteOffset, Math.ceil(length / 8)).slice();
  } else {
    // node-api changed shape: read it value by value (slow, but still right).
    bitmap = new Uint8Array(Math.ceil(length / 8));
    for (let i = 0; i < length; i++) if (vector.getItem(i) !== null) bitmap[i >> 3]! |= 1 << (i & 7);
  }
  if (!bitmap) return { bitmap, nullCount: 0, valid: () => true };
  const tail = length & 7;
  if (tail) bitmap[bitmap.length - 1]! &= (1 << tail) - 1;
  let set = 0;
  for (const byte of bitmap) set += BITS[byte]!;
  const bits = bitmap;
  return set === length ? { bitmap: undefined, nullCount: 0, valid: () => true } : { bitmap, nullCount: length - set, valid: (i) => (bits[i >> 3]! & (1 << (i & 7))) !== 0 };
}

type Column = (vector: DuckDBVector, length: number) => Data;

/** Fixed-width values whose DuckDB layout is already Arrow's: one copy of the typed array. */
function copied(type: DataType): Column {
  return (vector, length) => {
    const v = validityOf(vector, length);
    const items = (vector as unknown as VectorInternals).items;
    const data = items ? (items as unknown as { slice(): ArrayBufferView }).slice() : fillFrom(type, vector, length, v);
    return makeData({ type, length, nullCount: v.nullCount, nullBitmap: v.bitmap, data } as never);
  };
}

/** The same values read one by one through node-api (the path when it hides its typed array). */
function fillFrom(type: DataType, vector: DuckDBVector, length: number, v: Validity): ArrayBufferView {
  const out = new (type.ArrayType as new (n: number) => ArrayBufferView & Record<number, number | bigint>)(length);
  for (let i = 0; i < length; i++) {
    if (!v.valid(i)) continue;
    const value = vector.getItem(i) as unknown;
    out[i] = typeof value === 'object' && value !== null ? (Object.values(value)[0] as bigint) : (value as number);
  }
  return out;
}

/** Any column to Float64 through a per-value conversion, skipping nulls. */
function doubles(toNumber: (vector: DuckDBVector, i: number) => number): Column {
  return (vector, length) => {
    const v = validityOf(vector, length);
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) if (v.valid(i)) out[i] = toNumber(vector, i);
    return makeData({ type: new Float64(), length, nullCount: v.nullCount, nullBitmap: v.bitmap, data: out });
  };
}

/** BIGINT and UBIGINT: one Number() per value over the typed array, as castBigIntToDouble does. */
const bigints: Column = (vector, length) => {
  const items = (vector as unknown as VectorInternals).items;
  if (!items) return doubles((vec, i) => Number(vec.getItem(i) as bigint))(vector, length);
  const v = validityOf(vector, length);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = Number(items[i]!);
  return makeData({ type: new Float64(), length, nullCount: v.nullCount, nullBitmap: v.bitmap, data: out });
};

const TWO_TO_53 = 2n ** 53n;
const TWO_TO_64 = 2n ** 64n;

/** A non-negative integer as Arrow C++ makes it a double: the high and low 64-bit words apart. */
function wordsToDouble(value: bigint): number {
  return value < TWO_TO_64 ? Number(value) : Number(value / TWO_TO_64) * 2 ** 64 + Number(value % TWO_TO_64);
}

/**
 * DECIMAL → DOUBLE as the wasm engine does it (Arrow C++'s Decimal128::ToDouble, not DuckDB's own cast): small
 * values times the literal 1e-scale, larger ones split into whole and fraction first. Measured: DuckDB's cast
 * differs in the last bit for about one value in seven, and a total would then differ between the two engines.
 */
export function decimalToDouble(value: bigint, scale: number): number {
  if (value < 0n) return -decimalToDouble(-value, scale);
  const power = Number(`1e-${scale}`);
  if (scale <= 0 || value <= TWO_TO_53) return wordsToDouble(value) * power;
  const ten = 10n ** BigInt(scale);
  return wordsToDouble(value / ten) + wordsToDouble(value % ten) * power;
}

function decimals(type: DuckDBDecimalType): Column {
  const { width, scale } = type;
  return doubles((vector, i) => {
    const view = (vector as unknown as VectorInternals).dataView;
    if (view && width <= 4) return decimalToDouble(BigInt(view.getInt16(i * 2, true)), scale);
    if (view && width <= 9) return decimalToDouble(BigInt(view.getInt32(i * 4, true)), scale);
    if (view && width <= 18) return decimalToDouble(view.getBigInt64(i * 8, true), scale);
    return decimalToDouble((vector.getItem(i) as unknown as { value: bigint }).value, scale);
  });
}

const booleans: Column = (vector, length) => {
  const v = validityOf(vector, length);
  const out = new Uint8Array(Math.ceil(length / 8));
  const view = (vector as unknown as VectorInternals).dataView;
  const isTrue = view ? (i: number) => view.getUint8(i) !== 0 : (i: number) => vector.getItem(i) === true;
  for (let i = 0; i < length; i++) if (v.valid(i) && isTrue(i)) out[i >> 3]! |= 1 << (i & 7);
  return makeData({ type: new Bool(), length, nullCount: v.nullCount, nullBitmap: v.bitmap, data: out });
};

/** Variable-width values (text as UTF-8, blobs as they are) into Arrow's offsets + one data buffer. */
function variable(type: Utf8 | Binary, bytesOf: (vector: DuckDBVector, i: number) => Uint8Array | string): Column {
  const encoder = new TextEncoder();
  return (vector, length) => {
    const v = validityOf(vector, length);
    const offsets = new Int32Array(length + 1);
    let data = new Uint8Array(Math.max(64, length * 16));
    let end = 0;
    for (let i = 0; i < length; i++) {
      if (v.valid(i)) {
        const value = bytesOf(vector, i);
        const need = typeof value === 'string' ? value.length * 3 : value.length;
        if (end + need > data.length) {
          const grown = new Uint8Array(Math.max(data.length * 2, end + need));
          grown.set(data.subarray(0, end));
          data = grown;
        }
        if (typeof value === 'string') end += encoder.encodeInto(value, data.subarray(end)).written;
        else {
          data.set(value, end);
          end += value.length;
        }
      }
      offsets[i + 1] = end;
    }
    return makeData({ type, length, nullCount: v.nullCount, nullBitmap: v.bitmap, valueOffsets: offsets, data: data.slice(0, end) } as never);
  };
}

const text = (toText: (value: unknown) => string): Column => variable(new Utf8(), (vector, i) => toText(vector.getItem(i)));

/**
 * VARCHAR and BLOB straight from DuckDB's 16-byte string structs (length, then up to 12 bytes inline or a pointer):
 * the UTF-8 bytes are copied into Arrow's data buffer as they are — no decoding to a JS string and encoding back.
 * A longer string lives in the vector's string heap, and reading one pointer costs a native call (about 2.5 µs;
 * a 1M-row result of five text columns took 10 s that way). Strings laid end to end in the heap are read together:
 * a run where each string starts exactly where the previous one ended covers only those strings' own bytes, so one
 * call reads the run (measured: 1M long strings in about 2,000 runs). Falls back to `slow` if node-api's vector no
 * longer has the shape read here.
 */
function strings(type: Utf8 | Binary, slow: Column): Column {
  return (vector, length) => {
    const internal = vector as unknown as VectorInternals;
    const view = internal.dataView;
    if (!view || (internal.itemOffset ?? 0) !== 0 || view.byteLength < length * 16) return slow(vector, length);
    const v = validityOf(vector, length);
    const offsets = new Int32Array(length + 1);
    let total = 0;
    for (let i = 0; i < length; i++) {
      if (v.valid(i)) total += view.getUint32(i * 16, true);
      offsets[i + 1] = total;
    }
    const data = new Uint8Array(total);
    const raw = new Uint8Array(view.buffer, view.byteOffset, length * 16);
    const heapRows: number[] = [];
    for (let i = 0; i < length; i++) {
      const at = offsets[i]!;
      const size = offsets[i + 1]! - at;
      if (size > 12) heapRows.push(i);
      else for (let k = 0; k < size; k++) data[at + k] = raw[i * 16 + 4 + k]!;
    }
    // Pointers below 2^53 are exact as doubles (user-space addresses have 48 bits).
    const pointer = (row: number): number => view.getUint32(row * 16 + 8, true) + view.getUint32(row * 16 + 12, true) * 2 ** 32;
    const sizeOf = (row: number): number => offsets[row + 1]! - offsets[row]!;
    for (let k = 0; k < heapRows.length; ) {
      const first = heapRows[k]!;
      let end = pointer(first) + sizeOf(first);
      let m = k + 1;
      while (m < heapRows.length && pointer(heapRows[m]!) === end) end += sizeOf(heapRows[m++]!);
      const run = bindings.get_data_from_pointer(view.buffer as ArrayBuffer, view.byteOffset + first * 16 + 8, end - pointer(first));
      for (let at = 0; k < m; k++) {
        const row = heapRows[k]!;
        const size = sizeOf(row);
        data.set(run.subarray(at, at + size), offsets[row]!);
        at += size;
      }
    }
    return makeData({ type, length, nullCount: v.nullCount, nullBitmap: v.bitmap, valueOffsets: offsets, data } as never);
  };
}

/** The Arrow field type and the column converter for a DuckDB type. */
function columnFor(type: DuckDBType): { arrow: DataType; column: Column } {
  const fixed = (arrow: DataType): { arrow: DataType; column: Column } => ({ arrow, column: copied(arrow) });
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN: return { arrow: new Bool(), column: booleans };
    case DuckDBTypeId.TINYINT: return fixed(new Int8());
    case DuckDBTypeId.SMALLINT: return fixed(new Int16());
    case DuckDBTypeId.INTEGER: return fixed(new Int32());
    case DuckDBTypeId.UTINYINT: return fixed(new Uint8());
    case DuckDBTypeId.USMALLINT: return fixed(new Uint16());
    case DuckDBTypeId.UINTEGER: return fixed(new Uint32());
    case DuckDBTypeId.FLOAT: return fixed(new Float32());
    case DuckDBTypeId.DOUBLE: return fixed(new Float64());
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT: return { arrow: new Float64(), column: bigints };
    // wasm exports HUGEINT as a DECIMAL(38,0) and converts that: the same words-apart rounding here.
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT: return { arrow: new Float64(), column: doubles((vector, i) => decimalToDouble(vector.getItem(i) as bigint, 0)) };
    case DuckDBTypeId.DECIMAL: return { arrow: new Float64(), column: decimals(type as DuckDBDecimalType) };
    case DuckDBTypeId.DATE: return fixed(new DateDay());
    case DuckDBTypeId.TIMESTAMP: return fixed(new Timestamp(TimeUnit.MICROSECOND));
    case DuckDBTypeId.TIMESTAMP_TZ: return fixed(new Timestamp(TimeUnit.MICROSECOND, 'UTC'));
    case DuckDBTypeId.TIMESTAMP_S: return fixed(new Timestamp(TimeUnit.SECOND));
    case DuckDBTypeId.TIMESTAMP_MS: return fixed(new Timestamp(TimeUnit.MILLISECOND));
    case DuckDBTypeId.TIMESTAMP_NS: return fixed(new Timestamp(TimeUnit.NANOSECOND));
    case DuckDBTypeId.TIME: return fixed(new TimeMicrosecond());
    case DuckDBTypeId.TIME_TZ: {
      // wasm gives the wall-clock time and drops the offset; so does this.
      const arrow = new TimeMicrosecond();
      return { arrow, column: (vector, length) => {
        const v = validityOf(vector, length);
        const out = new BigInt64Array(length);
        for (let i = 0; i < length; i++) if (v.valid(i)) out[i] = (vector.getItem(i) as unknown as { micros: bigint }).micros;
        return makeData({ type: arrow, length, nullCount: v.nullCount, nullBitmap: v.bitmap, data: out });
      } };
    }
    case DuckDBTypeId.VARCHAR: return { arrow: new Utf8(), column: strings(new Utf8(), variable(new Utf8(), (vector, i) => vector.getItem(i) as string)) };
    case DuckDBTypeId.BLOB: return { arrow: new Binary(), column: strings(new Binary(), variable(new Binary(), (vector, i) => (vector.getItem(i) as unknown as { bytes: Uint8Array }).bytes)) };
    default: return { arrow: new Utf8(), column: text(String) };
  }
}

/**
 * A result's chunks written as one Arrow IPC stream: one record batch per DuckDB chunk, and the schema even when
 * there are no rows. Repeated column names are kept, in order. A streamed result is written a chunk at a time as it
 * is fetched, and may be cut into several streams (the first rows, then the rest), each with the same schema.
 */
export class ArrowIpcWriter {
  private readonly columns: { name: string; arrow: DataType; column: Column }[];
  private readonly schema: Schema;
  private readonly struct: Struct;
  private writer = new RecordBatchStreamWriter();
  /** Rows written to the current stream. */
  rows = 0;

  constructor(result: DuckDBResult) {
    this.columns = Array.from({ length: result.columnCount }, (_, i) => ({ name: result.columnName(i), ...columnFor(result.columnType(i)) }));
    this.schema = new Schema(this.columns.map((c) => new Field(c.name, c.arrow, true)));
    this.struct = new Struct(this.schema.fields);
    this.writer.reset(undefined, this.schema);
  }

  write(chunk: DuckDBDataChunk): void {
    const length = chunk.rowCount;
    if (length === 0) return;
    const children = this.columns.map((c, i) => c.column(chunk.getColumnVector(i), length));
    const batch = new RecordBatch(this.schema, makeData({ type: this.struct, length, nullCount: 0, children }));
    // Written batch by batch, not through arrow's Table: both Table and RecordBatch merge fields by name
    // (Schema.assign), which would give repeated names the last one's type and write a second, different schema.
    this.writer.write(Object.assign(batch, { schema: this.schema }));
    this.rows += length;
  }

  /** The stream so far, ended; the writer starts a new stream of the same schema for the chunks that follow. */
  finish(): Uint8Array {
    this.writer.finish();
    const bytes = this.writer.toUint8Array(true);
    this.writer = new RecordBatchStreamWriter();
    this.writer.reset(undefined, this.schema);
    this.rows = 0;
    return bytes;
  }
}

/** Reads the whole result (the caller has run it) into one Arrow IPC stream. */
export function resultToArrowIpc(result: DuckDBMaterializedResult): Uint8Array {
  const writer = new ArrowIpcWriter(result);
  // A materialized result (what a prepared statement's run() gives) holds every chunk already and hands each over
  // synchronously: fetchChunk() would cost a trip through libuv's thread pool a chunk (measured: a fifth of the
  // time of converting a 49,000-row pivot result).
  for (let k = 0; k < result.chunkCount; k++) writer.write(result.getChunk(k));
  return writer.finish();
}
