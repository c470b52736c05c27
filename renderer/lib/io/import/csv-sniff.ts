// Import layer, pure: reads the start of a delimited text file and writes the plan DuckDB's read_csv follows
// (delimiter, quoting, header, title lines to skip, number format), plus what the preview shows the analyst and the
// warnings worth their attention. It decides from a sample so a 1 GB file is judged in milliseconds; DuckDB's own
// sniffer is not used because it cannot see title lines above a table, decimal commas or mixed line endings, and
// the analyst should see (and correct) every choice before anything is imported.
import { cellKind, detectNumberFormat, type NumberFormat } from './csv-numbers.ts';
import { encodingLabel, type TextEncodingName } from './encoding.ts';
import { sizeText } from './text-stream.ts';
import { isBlank, splitRecords, type Dialect, type Records } from './records.ts';
import { ImportError, type CsvPlan, type Detected, type ImportWarning } from './types.ts';

/** The most columns a table may have: Excel's own limit, so every table imported can also be exported. DuckDB reads
 * 16,384 columns (checked: 200 rows in ~7 s in wasm), so a 5,000-column CSV is imported, not refused. */
export const MAX_COLUMNS = 16_384;
/** How much decoded text the sniffer reads. */
export const SNIFF_CHARS = 256 * 1024;
/** A record longer than this is not a table row (a minified JSON, a base64 blob). */
export const MAX_LINE_CHARS = 10 * 1024 * 1024;

export interface SniffOptions {
  /** The sample is the whole file (default true): only then can a quote be known never to close. */
  complete?: boolean;
  encoding?: TextEncodingName;
  gzip?: boolean;
  /** Delimiters to choose among (default , ; TAB |). */
  delimiters?: string[];
  maxLineChars?: number;
  maxColumns?: number;
  /** The analyst's answer to "does the first row hold the column names?", over the detected one. */
  header?: boolean;
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

interface Shape {
  width: number;
  consistency: number;
}

/** The usual field count (over one field, if any record has more) and the share of non-blank records having it. */
function shapeOf(rec: Records): Shape {
  const counts = new Map<number, number>();
  let nonBlank = 0;
  for (const r of rec.rows) {
    if (isBlank(r)) continue;
    nonBlank++;
    counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  }
  let width = 1;
  let most = 0;
  for (const [w, c] of counts) if (w > 1 && (c > most || (c === most && w > width))) [width, most] = [w, c];
  if (width === 1) most = counts.get(1) ?? 0;
  return { width, consistency: nonBlank ? most / nonBlank : 0 };
}

const better = (a: Shape, b: Shape) =>
  a.width > 1 !== b.width > 1 ? a.width > 1 : a.consistency !== b.consistency ? a.consistency > b.consistency : a.width > b.width;

function chooseEscape(text: string, quote: string): string {
  const q = quote === '"' ? '"' : "'";
  const backslash = text.match(new RegExp(`[^\\\\]\\\\${q}(?=[^,;\\t|\\r\\n])`, 'g'))?.length ?? 0;
  const doubled = text.match(new RegExp(`[^,;\\t|\\r\\n${q}]${q}${q}`, 'g'))?.length ?? 0;
  return backslash > 0 && doubled === 0 ? '\\' : quote;
}

/**
 * The record the table starts at: the first with the usual width, two or more cells filled (Excel pads a title to the
 * table's width: "Table 1,,,"), followed by another record of that width. Titles, notes and blank lines come before.
 */
function tableStart(rows: string[][], width: number): number {
  const filled = (r: string[]) => r.filter((f) => f.trim() !== '').length;
  // A header may be shorter than the rows under it when every data row ends with a delimiter ("1,2,").
  const fits = (r: string[]) => r.length === width || (r.length >= 2 && r.length < width);
  const full = (r: string[] | undefined) => r !== undefined && fits(r) && (width < 2 ? !isBlank(r) : filled(r) >= 2);
  const limit = Math.min(rows.length, 30);
  for (let s = 0; s < limit; s++) {
    const next = rows[s + 1];
    if (full(rows[s]) && (next === undefined || (!isBlank(next) && fits(next)))) return s;
  }
  return Math.max(0, rows.findIndex((r) => !isBlank(r)));
}

/** Whether a first row is a header: text above typed values says yes, typed values above the same type say no. */
export function looksLikeHeader(first: string[], below: string[][], fmt: NumberFormat): boolean {
  let yes = 0;
  let no = 0;
  const typedFirst = first.some((f) => ['number', 'date', 'boolean'].includes(cellKind(f, fmt)));
  first.forEach((cell, c) => {
    const k0 = cellKind(cell, fmt);
    const tally = new Map<string, number>();
    for (const r of below) {
      const k = cellKind(r[c] ?? '', fmt);
      if (k !== 'empty') tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    if (k0 === 'empty' || tally.size === 0) return;
    const dominant = [...tally].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    if (k0 === 'text' && dominant !== 'text') yes++;
    else if (k0 !== 'text' && k0 !== 'year' && (k0 === dominant || dominant === 'text')) no++;
  });
  if (yes > 0 && yes >= no) return true;
  if (no > 0 || typedFirst) return false;
  // All text (or years over numbers): a header unless its values repeat, as data values do.
  const named = first.map((f) => f.trim()).filter((f) => f !== '');
  if (named.length === 0 || new Set(named.map((f) => f.toLowerCase())).size < named.length) return false;
  return !first.some((f, c) => f.trim() !== '' && below.some((r) => (r[c] ?? '').trim() === f.trim()));
}

/**
 * The column names the workbench uses for a header's raw texts: trimmed; a blank becomes "column 3" (its position);
 * a repeat (ignoring case, as DuckDB does) becomes "count (2)". Shared by every reader so names are made up one way.
 */
export function cleanHeaderNames(raw: string[]): { names: string[]; warnings: ImportWarning[] } {
  const blanks: string[] = [];
  const repeats: string[] = [];
  const initial = raw.map((r, i) => {
    const t = r.trim();
    if (t !== '') return t;
    blanks.push(`column ${i + 1}`);
    return `column ${i + 1}`;
  });
  const used = new Set<string>();
  const taken = new Set(initial.map((n) => n.toLowerCase()));
  const names = initial.map((n) => {
    if (!used.has(n.toLowerCase())) {
      used.add(n.toLowerCase());
      return n;
    }
    let k = 2;
    while (used.has(`${n} (${k})`.toLowerCase()) || taken.has(`${n} (${k})`.toLowerCase())) k++;
    const made = `${n} (${k})`;
    used.add(made.toLowerCase());
    repeats.push(made);
    return made;
  });
  const warnings: ImportWarning[] = [];
  if (blanks.length) warnings.push({ kind: 'blank-header', count: blanks.length, examples: blanks.slice(0, 5) });
  if (repeats.length) warnings.push({ kind: 'duplicate-header', count: repeats.length, examples: repeats.slice(0, 5) });
  return { names, warnings };
}

/** Splits with the detected dialect and finds the table: the shared first half of sniffCsv and the previews. */
export function locateTable(text: string, d: Dialect, complete: boolean, maxRecords = Infinity) {
  const rec = splitRecords(text, d, { complete, maxRecords });
  const { width } = shapeOf(rec);
  const start = tableStart(rec.rows, width);
  return { rec, width, start };
}

/** Reads the decoded start of a delimited file (up to SNIFF_CHARS are used) and plans how DuckDB should read it. */
export function sniffCsv(sampleText: string, file: string, opts: SniffOptions = {}): CsvPlan {
  let text = sampleText.charCodeAt(0) === 0xfeff ? sampleText.slice(1) : sampleText;
  let complete = opts.complete ?? true;
  // A very wide file's header can pass SNIFF_CHARS: read on to the end of its third line if the sample has it.
  if (text.length > SNIFF_CHARS) [text, complete] = [text.slice(0, Math.max(SNIFF_CHARS, lineEnd(text, 3))), false];
  if (text.trim() === '') throw new ImportError('empty', file);

  let dialect: Dialect = { delimiter: ',', quote: '"', escape: '"' };
  let best: Shape | null = null;
  for (const delimiter of opts.delimiters ?? [',', ';', '\t', '|']) {
    const shape = shapeOf(splitRecords(text, { delimiter, quote: '"', escape: '"' }, { complete, maxRecords: 200 }));
    if (!best || better(shape, best)) [best, dialect] = [shape, { delimiter, quote: '"', escape: '"' }];
  }
  // Single quotes only when they quote fields cleanly: an apostrophe opening a value ('s-Hertogenbosch) must not.
  if (best && !text.includes('"') && /(^|[,;\t|\n])'/.test(text)) {
    const single = { ...dialect, quote: "'", escape: "'" };
    const rec = splitRecords(text, single, { complete, maxRecords: 200 });
    if (rec.openQuoteRow === null && rec.quotedFields >= 2 && !better(best, shapeOf(rec))) dialect = single;
  }
  dialect = { ...dialect, escape: chooseEscape(text, dialect.quote) };

  let { rec, width, start } = locateTable(text, dialect, complete);
  // Not one whole record in the sample: read the cut one rather than plan from nothing (the import's record-chunks pass guards length).
  if (rec.rows.length === 0) ({ rec, width, start } = locateTable(text, dialect, true));
  if (rec.openQuoteRow !== null) throw new ImportError('unterminated-quote', file, { row: rec.openQuoteRow });
  const maxLine = opts.maxLineChars ?? MAX_LINE_CHARS;
  if (rec.longest.length > maxLine) {
    throw new ImportError('line-too-long', file, { row: rec.longest.row, limit: sizeText(maxLine) });
  }
  const rows = rec.rows;
  const first = rows[start] ?? [];
  const fmt = detectNumberFormat(
    rows.slice(start).flatMap((r) => r),
    dialect.delimiter,
  );
  const data = rows.slice(start + 1, start + 51).filter((r) => !isBlank(r));
  const header = opts.header ?? looksLikeHeader(first, data, fmt);
  const columns = header ? first.concat(Array<string>(Math.max(0, width - first.length)).fill('')) : Array.from({ length: Math.max(width, first.length) }, (_, i) => `column${i + 1}`);
  const maxColumns = opts.maxColumns ?? MAX_COLUMNS;
  if (columns.length > maxColumns) {
    throw new ImportError('too-many-columns', file, { limit: maxColumns.toLocaleString('en-GB'), detail: columns.length.toLocaleString('en-GB') });
  }
  const body = rows.slice(header ? start + 1 : start);
  if (header && complete && body.every(isBlank)) throw new ImportError('header-only', file);

  const warnings: ImportWarning[] = header ? cleanHeaderNames(columns).warnings : [];
  const ragged: string[] = [];
  let raggedCount = 0;
  body.forEach((r, i) => {
    if (isBlank(r) || r.length === columns.length) return;
    raggedCount++;
    const row = (header ? start + 2 : start + 1) + i;
    if (ragged.length < 5) ragged.push(`row ${row}: ${r.length} field${r.length === 1 ? '' : 's'}, expected ${columns.length}`);
  });
  // From a sample, counts cover its rows only; DuckDB's read finds the rest.
  const sampled = complete ? {} : { sampledRows: rows.length };
  if (raggedCount) warnings.push({ kind: 'ragged-rows', count: raggedCount, examples: ragged, ...sampled });
  const endings = lineEndingWarning(rec);
  if (endings) warnings.push({ ...endings, ...sampled });

  const skipRows = start < rows.length ? rec.lines[start]! - 1 : 0;
  const encoding = opts.encoding ?? 'utf-8';
  const detected: Detected[] = [
    { label: 'Encoding', value: encodingLabel(encoding) },
    { label: 'Delimiter', value: DELIMITER_NAMES[dialect.delimiter] ?? JSON.stringify(dialect.delimiter) },
    { label: 'Quote', value: dialect.quote === '"' ? 'double quote (")' : "single quote (')" },
    { label: 'Header row', value: `${header ? 'yes' : 'no'}${opts.header === undefined ? '' : ' (as you chose)'}` },
    { label: 'Decimal separator', value: fmt.decimal === '.' ? 'point (1.5)' : 'comma (1,5)' },
    { label: 'Thousands separator', value: THOUSANDS[fmt.thousands ?? 'none'] ?? 'none' },
    { label: 'Title lines skipped', value: String(skipRows) },
    { label: 'Compression', value: opts.gzip ? 'gzip' : 'none' },
  ];
  return { encoding, gzip: opts.gzip ?? false, ...dialect, header, skipRows, ...fmt, columns, detected, warnings };
}

/** The offset just past the n-th line end, or the text's length. */
function lineEnd(text: string, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

const THOUSANDS: Record<string, string> = { ',': 'comma (1,234)', '.': 'point (1.234)', ' ': 'space (1 234)', "'": "apostrophe (1'234)", none: 'none' };

function lineEndingWarning(rec: Records): ImportWarning | null {
  const names = { crlf: 'Windows (CRLF)', lf: 'Unix (LF)', cr: 'old Mac (CR)' } as const;
  const kinds = (['crlf', 'lf', 'cr'] as const).filter((k) => rec.endings.counts[k] > 0);
  if (kinds.length < 2) return null;
  const main = kinds.reduce((a, b) => (rec.endings.counts[b] > rec.endings.counts[a] ? b : a));
  const others = kinds.filter((k) => k !== main);
  const count = others.reduce((n, k) => n + rec.endings.counts[k], 0);
  const examples = others.flatMap((k) => rec.endings[k].map((row) => `row ${row}: ${names[k]}`)).slice(0, 5);
  return { kind: 'line-endings', count, examples };
}
