// Query layer, pure: the SQL that reads a text cell as a number, date or true/false — one definition used both to
// infer a column's type and to convert it, so what the preview promises is what the import does. Every test is a
// whole-value pattern first: DuckDB's own casts are too forgiving for figures ('1.5' → BIGINT rounds to 2,
// '0x10' → 16, '1_000' → 1000), and a figure must never change on the way in.
import { quoteString } from '../quote.ts';
import { isMarkerSql } from './markers.ts';

/** How numbers are written in the file. */
export interface NumberStyle {
  decimal: '.' | ',';
  thousands: ',' | '.' | ' ' | "'" | null;
}

/** The types an imported column can take. */
export type ImportType = 'BIGINT' | 'DOUBLE' | 'DATE' | 'TIMESTAMP' | 'BOOLEAN' | 'VARCHAR';

/** How dates are written: ISO (2023-03-31) or day first (31/03/2023), the UK's usual. */
export type DateStyle = 'iso' | 'dmy';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SUFFIX = '\\s*\\[[A-Za-z]+\\]$';

/** The cell trimmed. */
export const trimmed = (col: string): string => `trim(${col})`;

/**
 * `test`, evaluated only where `guard` holds. DuckDB evaluates both sides of an AND for every row, but a CASE branch
 * only for the rows that reach it: a failing TRY_CAST or try_strptime costs microseconds in wasm, a regex far less.
 */
const guarded = (guard: string, test: string): string => `(CASE WHEN ${guard} THEN ${test} ELSE false END)`;

/** The trimmed cell with a trailing status marker ("1,234 [p]") taken off (only a cell with a "[" can have one). */
const withoutSuffixOf = (t: string): string => `(CASE WHEN contains(${t}, '[') THEN regexp_replace(${t}, ${quoteString(SUFFIX)}, '') ELSE ${t} END)`;

/** The status marker at the end of a figure ("[p]" of "1,234 [p]"), else ''. */
const suffixMarkerOf = (t: string): string => `regexp_extract(${t}, ${quoteString('(\\[[A-Za-z]+\\])$')}, 1)`;

/** A figure's text (without its suffix) in DuckDB's notation: thousands separators (only where they group digits) and a decimal comma undone. */
function numberTextOf(w: string, style: NumberStyle): string {
  let expr = w;
  if (style.thousands) {
    const sep = escapeRegex(style.thousands);
    const dec = escapeRegex(style.decimal);
    const grouped = `[-+]?\\d{1,3}(${sep}\\d{3})+(${dec}\\d+)?`;
    const thousands = quoteString(style.thousands);
    expr = `(CASE WHEN NOT contains(${expr}, ${thousands}) THEN ${expr} WHEN regexp_full_match(${expr}, ${quoteString(grouped)}) THEN replace(${expr}, ${thousands}, '') ELSE ${expr} END)`;
  }
  // With a decimal comma, a point left after the thousands are undone ("1.23") is not part of a figure: no number.
  return style.decimal === ',' ? `(CASE WHEN NOT contains(${expr}, '.') THEN replace(${expr}, ',', '.') END)` : expr;
}

/** The derived texts every test reads: the cell trimmed (t), without a trailing marker (w), and as a figure in DuckDB's notation (n). */
function partsOf(col: string, style: NumberStyle): { t: string; w: string; n: string } {
  const t = trimmed(col);
  const w = withoutSuffixOf(t);
  return { t, w, n: numberTextOf(w, style) };
}

const INTEGER = '[-+]?\\d+';
const DECIMAL = '[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?';
const ISO_DATE = '\\d{4}-\\d{2}-\\d{2}';
const DMY_DATE = '\\d{1,2}/\\d{1,2}/\\d{4}';
const ISO_TIMESTAMP = '\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?';

/** Tests on one cell, each true only when the whole value reads as that type. */
export function cellTests(col: string, style: NumberStyle): Record<'empty' | 'marker' | 'suffix' | 'integer' | 'decimal' | 'leadingZero' | 'isoDate' | 'dmyDate' | 'timestamp' | 'boolean', string> {
  const { t, w, n } = partsOf(col, style);
  return {
    empty: `(${col} IS NULL OR ${t} = '')`,
    marker: isMarkerSql(t),
    suffix: `regexp_matches(${t}, ${quoteString(`\\S${SUFFIX}`)})`,
    integer: guarded(`regexp_full_match(${n}, '${INTEGER}')`, `TRY_CAST(${n} AS BIGINT) IS NOT NULL`),
    decimal: guarded(`regexp_full_match(${n}, '${DECIMAL}')`, `isfinite(TRY_CAST(${n} AS DOUBLE))`),
    leadingZero: `regexp_full_match(${w}, '[-+]?0\\d+')`,
    isoDate: guarded(`regexp_full_match(${t}, '${ISO_DATE}')`, `TRY_CAST(${t} AS DATE) IS NOT NULL`),
    dmyDate: guarded(`regexp_full_match(${t}, '${DMY_DATE}')`, `try_strptime(${t}, '%d/%m/%Y') IS NOT NULL`),
    timestamp: guarded(`regexp_full_match(${t}, '${ISO_TIMESTAMP}')`, `TRY_CAST(${t} AS TIMESTAMP) IS NOT NULL`),
    boolean: `lower(${t}) IN ('true', 'false')`,
  };
}

/** The cell converted to `type`; NULL when it does not convert (the status column then keeps its text). */
export function convertSql(col: string, type: ImportType, style: NumberStyle, dates: DateStyle): string {
  const tests = cellTests(col, style);
  const { t, n } = partsOf(col, style);
  switch (type) {
    case 'VARCHAR':
      return col;
    // A code with leading zeros ("0012") is not a figure: converting it would lose the zeros, so it stays in the status
    // column as written even where the sample (the first 50,000 rows) had none.
    case 'BIGINT':
      return `CASE WHEN ${tests.integer} AND NOT ${tests.leadingZero} THEN CAST(${n} AS BIGINT) END`;
    case 'DOUBLE':
      return `CASE WHEN ${tests.decimal} AND NOT ${tests.leadingZero} THEN CAST(${n} AS DOUBLE) END`;
    case 'DATE':
      return dates === 'dmy'
        ? `CASE WHEN ${tests.dmyDate} THEN CAST(try_strptime(${t}, '%d/%m/%Y') AS DATE) END`
        : `CASE WHEN ${tests.isoDate} THEN CAST(${t} AS DATE) END`;
    case 'TIMESTAMP':
      return `CASE WHEN ${tests.timestamp} THEN CAST(${t} AS TIMESTAMP) END`;
    case 'BOOLEAN':
      return `CASE lower(${t}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
  }
}

/**
 * The companion status column of a converted column: the marker of a shorthand cell ("[c]"), the marker after a
 * figure ("[p]" of "12 [p]"), or the whole text of a value that did not convert — so nothing in the file is lost.
 */
export function statusSql(col: string, type: ImportType, style: NumberStyle, dates: DateStyle): string {
  const tests = cellTests(col, style);
  const t = trimmed(col);
  return (
    `CASE WHEN ${tests.empty} THEN NULL WHEN ${tests.marker} THEN ${t} ` +
    `WHEN (${convertSql(col, type, style, dates)}) IS NULL THEN ${t} ` +
    `WHEN ${tests.suffix} THEN ${suffixMarkerOf(t)} END`
  );
}

/** SQL: whether a status value is a marker (not a value that failed to convert). */
export function isStatusMarkerSql(status: string): string {
  return `(${isMarkerSql(status)} OR regexp_full_match(${status}, '\\[[A-Za-z]+\\]'))`;
}
