// Import layer, pure: how a delimited file writes its numbers. European tools write 1.234,5 in ;-separated files,
// Excel's UK "CSV" writes "1,234" quoted when cells are formatted with separators, and some official CSVs group
// digits with spaces; the pipeline must know which before it converts text to numbers, and the sniffer needs the
// same reading to tell a header row (text) from the values under it (numbers).

export interface NumberFormat {
  decimal: '.' | ',';
  thousands: ',' | '.' | ' ' | "'" | null;
}

export type CellKind = 'empty' | 'number' | 'year' | 'date' | 'boolean' | 'text';

const SPACES = /[ \u00a0\u202f]/;
const SIGN = /^[-+]?/;
/** Currency signs and percent are part of how a number is shown, not text: they still say "this column is numbers". */
const DRESS = /^([-+]?)[£$€]?\s?|\s?%$/g;

/** Counts the separators seen in number-like cells and chooses the reading most cells agree with. */
export function detectNumberFormat(cells: Iterable<string>, delimiter: string): NumberFormat {
  const v = { decComma: 0, decDot: 0, thComma: 0, thDot: 0, thSpace: 0, thApos: 0, amb3Comma: 0, amb3Dot: 0 };
  for (const raw of cells) {
    const t = raw.trim().replace(DRESS, '').replace(SIGN, '');
    if (t === '' || !/^\d/.test(t) || !/\d$/.test(t)) continue;
    if (/^\d{1,3}(,\d{3})+\.\d+$/.test(t)) {
      v.thComma++;
      v.decDot++;
    }
    else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(t)) {
      v.thDot++;
      v.decComma++;
    }
    else if (/^\d{1,3},\d{3}$/.test(t)) v.amb3Comma++;
    else if (/^\d{1,3}(,\d{3}){2,}$/.test(t)) v.thComma++;
    else if (/^\d{1,3}\.\d{3}$/.test(t)) v.amb3Dot++;
    else if (/^\d{1,3}(\.\d{3}){2,}$/.test(t)) v.thDot++;
    else if (/^\d+,\d+$/.test(t)) v.decComma++;
    else if (/^\d+\.\d+$/.test(t)) v.decDot++;
    else if (/^\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d+)?$/.test(t)) {
      v.thSpace++;
      if (t.includes(',')) v.decComma++;
      if (t.includes('.')) v.decDot++;
    } else if (/^\d{1,3}('\d{3})+(\.\d+)?$/.test(t)) v.thApos++;
  }
  // "1,234" alone is a thousand and some in a comma file (it had to be quoted) but 1.234 in a ;-separated one.
  if (delimiter === ';' && v.thComma === 0) v.decComma += v.amb3Comma;
  else v.thComma += v.amb3Comma;
  const decimal = v.decComma > v.decDot ? ',' : '.';
  if (decimal === ',') v.thDot += v.amb3Dot;
  const candidates: [NumberFormat['thousands'], number][] =
    decimal === '.'
      ? [
          [',', v.thComma],
          [' ', v.thSpace],
          ["'", v.thApos],
        ]
      : [
          ['.', v.thDot],
          [' ', v.thSpace],
        ];
  const best = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
  return { decimal, thousands: best[1] > 0 ? best[0] : null };
}

const cache = new Map<string, RegExp>();

function pattern(fmt: NumberFormat): RegExp {
  const key = `${fmt.decimal}${fmt.thousands ?? ''}`;
  let re = cache.get(key);
  if (!re) {
    const dec = fmt.decimal === '.' ? '\\.' : ',';
    const th = fmt.thousands === null ? null : fmt.thousands === ' ' ? SPACES.source : fmt.thousands === '.' ? '\\.' : fmt.thousands;
    const int = th ? `(?:\\d{1,3}(?:${th}\\d{3})+|\\d+)` : '\\d+';
    re = new RegExp(`^[-+]?(?:${int}(?:${dec}\\d*)?|${dec}\\d+)(?:[eE][-+]?\\d+)?$`);
    cache.set(key, re);
  }
  return re;
}

/** The number a cell's text means under the file's number format, or null when it is not a plain number. */
export function parseNumber(text: string, fmt: NumberFormat): number | null {
  const t = text.trim();
  if (t === '' || !pattern(fmt).test(t)) return null;
  let plain = t;
  if (fmt.thousands) plain = plain.split(fmt.thousands === ' ' ? new RegExp(SPACES.source, 'g') : fmt.thousands).join('');
  if (fmt.decimal === ',') plain = plain.replace(',', '.');
  const n = Number(plain);
  return Number.isFinite(n) ? n : null;
}

const DATE = /^(\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2} [A-Za-z]{3,9} \d{4})$/;

/** What a cell looks like, for telling a header row from data: a year such as 2021 could be either. */
export function cellKind(text: string, fmt: NumberFormat): CellKind {
  const t = text.trim();
  if (t === '') return 'empty';
  if (/^(true|false)$/i.test(t)) return 'boolean';
  if (/^(1[89]|20|21)\d\d$/.test(t) || /^(19|20)\d\d[-/](\d\d|\d{4})$/.test(t)) return 'year';
  if (DATE.test(t)) return 'date';
  if (parseNumber(t.replace(DRESS, '$1'), fmt) !== null) return 'number';
  return 'text';
}
