// Visualisation layer, pure: how numbers and values are written for people. Integers get thousands separators
// and are never rounded; other numbers keep every digit the engine returned (no silent rounding).

// signDisplay 'negative': a zero is "0", never "-0" (a sum of -0.0 from the engine, or a difference of nothing).
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0, signDisplay: 'negative' });
const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 20, signDisplay: 'negative' });

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? integer.format(n) : decimal.format(n);
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'bigint') return value.toLocaleString('en-GB');
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/** Codes, not quantities: years, quarters, ids and ranks are written without thousands separators. */
export function isCodeLikeColumn(name: string): boolean {
  return /(^|_)(year|yr|quarter|id|code|rank|number|no)$/i.test(name.trim());
}

/**
 * A date or timestamp Arrow gave as milliseconds since 1970 (UTC), as DuckDB writes it: "2024-03-31", or
 * "2024-03-31 13:45:30" with its fraction of a second when it has one ("…:30.25").
 */
export function formatTemporal(ms: number, kind: 'date' | 'timestamp'): string {
  const d = new Date(Math.floor(ms));
  if (Number.isNaN(d.getTime())) return String(ms);
  const iso = d.toISOString();
  if (kind === 'date') return iso.slice(0, 10);
  const micros = Math.round((ms - Math.floor(ms / 1000) * 1000) * 1000);
  const fraction = micros === 0 ? '' : `.${String(micros).padStart(6, '0').replace(/0+$/, '')}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}`;
}

export function formatCell(value: unknown, codeLike: boolean, temporal: 'date' | 'timestamp' | null = null): string {
  if (temporal && typeof value === 'number') return formatTemporal(value, temporal);
  if (codeLike && typeof value === 'number' && Number.isInteger(value)) return String(value);
  return formatValue(value);
}

/** "2 rows, 3 columns in 12 ms" */
export function resultSummary(rows: number, columns: number, elapsedMs: number): string {
  const r = `${formatNumber(rows)} ${rows === 1 ? 'row' : 'rows'}`;
  const c = `${formatNumber(columns)} ${columns === 1 ? 'column' : 'columns'}`;
  return `${r}, ${c} in ${formatNumber(Math.round(elapsedMs))} ms`;
}

/** Signed difference, e.g. "+16", "−10", "0". */
export function formatDifference(n: number): string {
  if (n === 0) return '0';
  return (n > 0 ? '+' : '\u2212') + formatNumber(Math.abs(n));
}

/**
 * A number to a fixed number of decimal places, with thousands separators unless it is a code (a year's mean):
 * callers say it is rounded ("2 d.p.").
 */
export function formatDecimals(n: number, places: number, codeLike = false): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places, useGrouping: !codeLike });
}

/** `part` as a percentage of `whole` to 1 decimal place ("1.7%"); callers say it is rounded. A whole of 0 gives "–". */
export function formatShare(part: number, whole: number): string {
  return whole === 0 ? '–' : `${formatDecimals((100 * part) / whole, 1)}%`;
}
