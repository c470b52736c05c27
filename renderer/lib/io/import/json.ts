// Import layer, pure: a JSON file as a table — an array of records, or NDJSON (one record per line, as log and API
// exports write it). Analysts meet JSON from APIs and other teams' pipelines; the workbench takes the records'
// keys as columns and keeps anything nested as JSON text rather than guess a flattening. One iterative pass over the
// text comes first: it finds the records, refuses absurd nesting before JSON.parse sees it, and quotes whole numbers
// too big for a double so they stay exact (as text) instead of silently changing.
import { cleanHeaderNames } from './csv-sniff.ts';
import { decodeSample, detectEncoding, encodingLabel } from './encoding.ts';
import { ImportError, type Cell, type Detected, type GridTable, type ImportWarning } from './types.ts';

/** Deeper nesting is not a table (and a 100,000-deep `[[[…` is an attack, not data). */
export const MAX_JSON_DEPTH = 64;

interface Scan {
  /** [start, end) of each top-level value, with the line it starts on. */
  values: { start: number; end: number; line: number }[];
  /** [start, end) of number tokens a double cannot hold exactly. */
  big: [number, number][];
}

const NUMBER = /-?\d+(\.\d+)?([eE][-+]?\d+)?/y;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function isBigNumber(token: string): boolean {
  if (/^-?\d+$/.test(token)) return token.replace(/^-?0*/, '').length >= 16 && (BigInt(token) > SAFE || BigInt(token) < -SAFE);
  return !Number.isFinite(Number(token));
}

/** One pass, no recursion: nesting depth, top-level values, oversized numbers. */
function scan(text: string, file: string): Scan {
  const out: Scan = { values: [], big: [] };
  let depth = 0;
  let line = 1;
  let current: Scan['values'][number] | null = null;
  const end = (at: number) => {
    if (current) current.end = at;
    current = null;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (depth === 0 && current) end(i);
      continue;
    }
    if (depth === 0 && !current) {
      current = { start: i, end: text.length, line };
      out.values.push(current);
    }
    if (c === 0x22) {
      // Skip the string; an unterminated one runs to the end and JSON.parse reports it.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
        else if (s === 0x0a) line++;
      }
      if (depth === 0) end(i + 1);
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) throw new ImportError('too-deep', file, { row: line, limit: String(MAX_JSON_DEPTH) });
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) end(i + 1);
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (m) {
        if ((m[0].length >= 16 || /[eE]/.test(m[0])) && isBigNumber(m[0])) out.big.push([i, i + m[0].length]);
        i += m[0].length - 1;
      }
    }
  }
  return out;
}

/** The text with oversized numbers quoted (so JSON.parse keeps them as exact text), and each value's new bounds. */
function quoteBig(text: string, s: Scan): { text: string; values: Scan['values'] } {
  if (s.big.length === 0) return { text, values: s.values };
  const parts: string[] = [];
  let at = 0;
  for (const [a, b] of s.big) {
    parts.push(text.slice(at, a), `"${text.slice(a, b)}"`);
    at = b;
  }
  parts.push(text.slice(at));
  const shift = (pos: number) => {
    let n = 0;
    while (n < s.big.length && s.big[n]![0] < pos) n++;
    return pos + 2 * n;
  };
  return { text: parts.join(''), values: s.values.map((v) => ({ line: v.line, start: shift(v.start), end: shift(v.end) })) };
}

function lineAndColumn(text: string, offset: number): { row: number; column: number } {
  let row = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) [row, lineStart] = [row + 1, i + 1];
  return { row, column: offset - lineStart + 1 };
}

function parseValue(text: string, v: Scan['values'][number], file: string): unknown {
  try {
    return JSON.parse(text.slice(v.start, v.end));
  } catch (e) {
    if (e instanceof RangeError) throw new ImportError('too-deep', file, { row: v.line, limit: String(MAX_JSON_DEPTH) });
    const pos = /position (\d+)/.exec((e as Error).message);
    const at = pos ? lineAndColumn(text, v.start + Number(pos[1])) : { row: v.line };
    throw new ImportError('corrupt', file, { ...at, detail: (e as Error).message });
  }
}

const whatIs = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'a single object' : typeof v === 'string' ? 'text' : typeof v === 'boolean' ? 'true or false' : 'a number';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The records of a JSON array or NDJSON file as a table: columns are the keys in first-seen order. */
export function readJson(bytes: Uint8Array, file: string): GridTable {
  if (bytes.length === 0) throw new ImportError('empty', file);
  const encoding = detectEncoding(bytes, file, true);
  const decoded = decodeSample(bytes, encoding, true);
  const scanned = scan(decoded, file);
  if (scanned.values.length === 0) throw new ImportError('empty', file);
  const { text, values } = quoteBig(decoded, scanned);
  const lines = values.length > 1;

  let records: unknown[];
  let rowOf: (i: number) => number;
  if (lines) {
    records = values.map((v) => parseValue(text, v, file));
    rowOf = (i) => values[i]!.line;
    const bad = records.findIndex((r) => !isRecord(r));
    if (bad >= 0) throw new ImportError('not-a-table', file, { row: rowOf(bad), detail: whatIs(records[bad]) });
  } else {
    const value = parseValue(text, values[0]!, file);
    if (!Array.isArray(value)) throw new ImportError('not-a-table', file, { detail: whatIs(value) });
    if (value.length === 0) throw new ImportError('empty', file);
    const bad = value.findIndex((r) => !isRecord(r));
    if (bad >= 0) throw new ImportError('not-a-table', file, { detail: `an array of ${plural(value[bad])}` });
    records = value;
    rowOf = (i) => i + 1;
  }

  const columns = new Map<string, number>();
  const nested = new Map<string, { count: number; examples: string[] }>();
  const rows: Cell[][] = records.map((rec, i) => {
    const row: Cell[] = [];
    for (const [key, v] of Object.entries(rec as Record<string, unknown>)) {
      let c = columns.get(key);
      if (c === undefined) columns.set(key, (c = columns.size));
      while (row.length < c) row.push(null);
      if (v !== null && typeof v === 'object') {
        const json = JSON.stringify(v);
        const n = nested.get(key) ?? { count: 0, examples: [] };
        n.count++;
        if (n.examples.length < 3) n.examples.push(`row ${rowOf(i)}: ${json.length > 40 ? `${json.slice(0, 39)}…` : json}`);
        nested.set(key, n);
        row[c] = json;
      } else row[c] = v as Cell;
    }
    return row;
  });
  for (const row of rows) while (row.length < columns.size) row.push(null);

  const header = [...columns.keys()];
  const warnings: ImportWarning[] = [...cleanHeaderNames(header).warnings];
  for (const [column, n] of nested) warnings.push({ kind: 'nested-values', count: n.count, examples: n.examples, column });
  const detected: Detected[] = [
    { label: 'Format', value: lines ? 'NDJSON (one record per line)' : 'JSON array of records' },
    { label: 'Encoding', value: encodingLabel(encoding) },
  ];
  if (scanned.big.length) detected.push({ label: 'Numbers too large to hold exactly', value: `${scanned.big.length.toLocaleString('en-GB')} kept as text` });
  return { name: file.replace(/\.(json|ndjson|jsonl)(\.gz)?$/i, ''), header, rows, detected, warnings };
}

function plural(v: unknown): string {
  const d = whatIs(v);
  return d === 'a single object' ? 'objects' : d === 'an array' ? 'arrays' : d === 'a number' ? 'numbers' : d === 'true or false' ? 'true/false values' : d === 'text' ? 'texts' : 'nulls';
}
