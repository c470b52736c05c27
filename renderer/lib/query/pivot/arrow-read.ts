// Query layer, pure: reads one column of an Arrow result into plain values, chunk by chunk. Vector.get(i) costs
// microseconds a call on a result of many batches (it searches the batches every time): 250,000 cells took
// 0.8 s. Numbers and strings are read straight from each chunk's buffers instead; any other type goes through
// the vector's own iterator. Only `import type` from apache-arrow here (the query layer is pure): type ids are
// the Arrow format's own numbers, which do not change.
import type { Data, Vector } from 'apache-arrow';
import type { Scalar } from './spec.ts';
import { STEP, type Steps } from './steps.ts';

const INT = 2;
const FLOAT = 3;
const UTF8 = 5;

type NumericArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** Arrow's values as the pivot compares and shows them: big integers as numbers, dates as YYYY-MM-DD. */
export function toScalar(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

// A sliced chunk's value buffers start at the slice (indexes are relative), its validity bitmap does not: getValid knows.
const validity = (data: Data): ((i: number) => boolean) => (data.nullCount === 0 ? () => true : (i) => data.getValid(i));

function isPlainNumbers(data: Data): boolean {
  const v = data.values as unknown;
  // Float16 is stored as Uint16Array but is not an integer type: leave it to the iterator.
  return data.stride === 1 && (data.typeId === INT || (data.typeId === FLOAT && (v instanceof Float32Array || v instanceof Float64Array))) && ArrayBuffer.isView(v);
}

const decoder = new TextDecoder();

function readChunk(data: Data, out: Scalar[]): boolean {
  if (data.typeId === UTF8 && data.valueOffsets instanceof Int32Array && data.values instanceof Uint8Array) {
    const offsets = data.valueOffsets;
    const bytes = data.values;
    const valid = validity(data);
    for (let i = 0; i < data.length; i++) {
      out.push(valid(i) ? decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!)) : null);
    }
    return true;
  }
  if (isPlainNumbers(data)) {
    const values = data.values as NumericArray;
    const valid = validity(data);
    for (let i = 0; i < data.length; i++) {
      const x = values[i]!;
      out.push(valid(i) ? Number(x) : null);
    }
    return true;
  }
  return false;
}

/** Every value of a column, in row order. */
export function* readColumn(vector: Vector): Steps<Scalar[]> {
  const out: Scalar[] = [];
  const chunks = vector.data as Data[];
  if (chunks.every((d) => d.typeId === UTF8 || isPlainNumbers(d))) {
    for (const data of chunks) {
      readChunk(data, out);
      yield;
    }
    return out;
  }
  for (const v of vector as Iterable<unknown>) {
    out.push(toScalar(v));
    if (out.length % STEP === 0) yield;
  }
  return out;
}
