// Import layer, pure: splits delimited text into records, quote-aware, the way DuckDB's read_csv and Excel read it
// (RFC 4180 plus the usual leniencies: a quote inside an unquoted field is a literal, text after a closing quote is
// kept, CR, LF and CRLF all end a record). The sniffer and the small-input parser share it so a preview and the
// sniffer's counts always agree on where a field ends.

export interface Dialect {
  delimiter: string;
  quote: string;
  /** The quote itself for RFC 4180's doubled quotes, or '\\' for backslash escapes. */
  escape: string;
}

export interface Records {
  rows: string[][];
  /** The 1-based line each record starts on (records with quoted line breaks span several lines). */
  lines: number[];
  /** How records ended, with the rows (1-based) of the first few of each kind. */
  endings: { crlf: number[]; lf: number[]; cr: number[]; counts: { crlf: number; lf: number; cr: number } };
  /** The row (1-based record number) whose quote never closed, when the text ends inside quotes. */
  openQuoteRow: number | null;
  /** The longest record in characters, and its row. */
  longest: { length: number; row: number };
  /** Fields that were quoted, counted to tell which quote character the file uses. */
  quotedFields: number;
}

export interface SplitOptions {
  /** Stop after this many records. */
  maxRecords?: number;
  /** The text is the whole file; otherwise a last record cut off by the sample's end is dropped. */
  complete?: boolean;
}

const NOTE = 5;

export function splitRecords(text: string, d: Dialect, opts: SplitOptions = {}): Records {
  const max = opts.maxRecords ?? Infinity;
  const complete = opts.complete ?? true;
  const out: Records = {
    rows: [],
    lines: [],
    endings: { crlf: [], lf: [], cr: [], counts: { crlf: 0, lf: 0, cr: 0 } },
    openQuoteRow: null,
    longest: { length: 0, row: 0 },
    quotedFields: 0,
  };
  const n = text.length;
  const { delimiter: delim, quote, escape } = d;
  let i = 0;
  let line = 1;
  while (i < n && out.rows.length < max) {
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    let open = false;
    for (;;) {
      let value = '';
      if (text[i] === quote) {
        out.quotedFields++;
        i++;
        let seg = i;
        open = true;
        while (i < n) {
          const c = text[i];
          if (c === escape && escape !== quote && (text[i + 1] === quote || text[i + 1] === escape)) {
            value += text.slice(seg, i) + text[i + 1];
            i += 2;
            seg = i;
          } else if (c === quote) {
            if (escape === quote && text[i + 1] === quote) {
              value += text.slice(seg, i) + quote;
              i += 2;
              seg = i;
            } else {
              value += text.slice(seg, i);
              i++;
              open = false;
              break;
            }
          } else {
            if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
            i++;
          }
        }
        if (open) {
          fields.push(value + text.slice(seg, i));
          break;
        }
      }
      let j = i;
      while (j < n) {
        const c = text[j];
        if (c === delim || c === '\n' || c === '\r') break;
        j++;
      }
      value += text.slice(i, j);
      i = j;
      fields.push(value);
      if (i < n && text[i] === delim) i++;
      else break;
    }
    const row = out.rows.length + 1;
    if (open) {
      if (complete) {
        out.openQuoteRow = row;
        out.rows.push(fields);
        out.lines.push(startLine);
      }
      break;
    }
    let kind: 'crlf' | 'lf' | 'cr' | null = null;
    if (text[i] === '\r' && text[i + 1] === '\n') kind = 'crlf';
    else if (text[i] === '\r') kind = 'cr';
    else if (text[i] === '\n') kind = 'lf';
    // A record the sample cut off (no line end before its end) may be missing fields: leave it out.
    if ((kind === null || (kind === 'cr' && i + 1 === n)) && !complete) break;
    if (i - start > out.longest.length) out.longest = { length: i - start, row };
    out.rows.push(fields);
    out.lines.push(startLine);
    if (kind) {
      out.endings.counts[kind]++;
      if (out.endings[kind].length < NOTE) out.endings[kind].push(row);
      i += kind === 'crlf' ? 2 : 1;
      line++;
    }
  }
  return out;
}

/** A record with no text in any field: a blank line, or a line of delimiters only (Excel pads titles so). */
export const isBlank = (fields: string[]): boolean => fields.every((f) => f.trim() === '');
