// Import layer, pure: the one place every import error and warning is put into words for the analyst. Readers and
// the pipeline only raise kinds (control flow never hangs on English), and the UI shows what these functions say:
// the file, the problem, where it is when a reader knows, and what to do next — plain English, no engine messages.
import type { ImportError, ImportErrorKind, ImportWarning, ImportWarningKind } from './types.ts';

const num = (n: number) => n.toLocaleString('en-GB');
const quoted = (s: string) => `“${s}”`;
/** "1 row" / "3 rows". */
const count = (n: number, one: string, many = `${one}s`) => `${num(n)} ${n === 1 ? one : many}`;
const examples = (w: ImportWarning) => (w.examples.length ? ` (for example ${w.examples.join('; ')})` : '');

function where(at: ImportError['at']): string {
  const parts: string[] = [];
  if (at.sheet) parts.push(`on sheet ${quoted(at.sheet)}`);
  if (at.row !== undefined) parts.push(`at line ${num(at.row)}`);
  if (at.column !== undefined) parts.push(`character ${num(at.column)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

const ERRORS: Record<ImportErrorKind, (f: string, e: ImportError) => string> = {
  empty: (f) => `${f} is empty: it holds no data. Check you picked the right file and that it was saved or downloaded completely.`,
  'header-only': (f) =>
    `${f} has column names but no rows of data. Check the file was saved with its data, or pick the file that holds the rows.`,
  binary: (f) =>
    `${f} is not a text file (it looks like binary data). Check you picked the right file; if it came from Excel, save it again as “CSV UTF-8”.`,
  truncated: (f, e) =>
    `${f} ends early: its ${e.at.detail === 'gzip' ? 'compressed (gzip) ' : ''}data is cut off, so it was probably not copied or downloaded completely. Copy or download it again.`,
  corrupt: (f, e) =>
    `${f} could not be read${where(e.at)}: it is damaged, or not in the format its name says. Open it in the program that made it, save it again, and import the new copy.`,
  password: (f) =>
    `${f} is protected with a password, so the workbench cannot open it. Open it in Excel, remove the password (File › Info › Protect Workbook), save it, and import it again.`,
  'expands-too-much': (f, e) =>
    `${f} would unpack to more than ${e.at.limit ?? 'the safe limit'}, so it was not opened: it may be damaged or built to exhaust memory. Check where it came from; if it is genuine, export the data you need as CSV.`,
  'too-large': (f, e) =>
    `${f} is too large for the workbench to hold${e.at.limit ? ` (the limit is ${e.at.limit})` : ''}. Filter it or split it into smaller files first, or import fewer columns.`,
  'too-many-columns': (f, e) =>
    `${f} has ${e.at.detail ? `${e.at.detail} columns` : 'too many columns'}${e.at.limit ? `; a table can have at most ${e.at.limit}` : ''}. Remove columns you do not need, or check the file is really a table.`,
  'unterminated-quote': (f, e) =>
    `${f} has a quotation mark that is never closed${e.at.row !== undefined ? `, starting in row ${num(e.at.row)}` : ''}, so the rest of the file would be read as one cell. Look at ${e.at.row !== undefined ? 'that row' : 'the file'} in a text editor: a quotation mark inside a cell must be doubled ("") or the cell left unquoted.`,
  'line-too-long': (f, e) =>
    `${f} has a line longer than ${e.at.limit ?? 'the limit'}${e.at.row !== undefined ? ` (line ${num(e.at.row)})` : ''}, so it does not look like a table. Check you picked the right file.`,
  'not-a-table': (f, e) =>
    `${f} is not a list of records${e.at.detail ? ` (it holds ${e.at.detail}${e.at.row !== undefined ? ` on line ${num(e.at.row)}` : ''})` : ''}, so it cannot become a table. The workbench reads a JSON array of objects ([{…}, {…}]) or one object per line (NDJSON).`,
  'too-deep': (f, e) =>
    `${f} nests values more than ${e.at.limit ?? '64'} levels deep${where({ row: e.at.row })}, too deep to be a table. Flatten it in the program that made it, or export the records you need as CSV.`,
  'no-sheets': (f) =>
    `${f} has no sheet holding a table: its sheets are empty, charts, or notes. Check the data is in the workbook, or save the sheet you need as CSV.`,
  'unknown-format': (f, e) =>
    `${f}${e.at.detail ? ` (${e.at.detail})` : ''} is not a kind of file the workbench reads. It reads CSV and other delimited text, Excel (.xlsx), OpenDocument (.ods), JSON, NDJSON and Parquet; save the data in one of those.`,
  cancelled: (f) => `The import of ${f} was cancelled; the table it was creating was not added, and the tables you had before are unchanged.`,
};

/** Said after an import of several tables stopped part-way: the ones it had finished stay. */
export function keptBeforeStop(tables: readonly string[]): string {
  return tables.length ? ` ${tables.length === 1 ? 'The table' : 'The tables'} it finished before it stopped ${tables.length === 1 ? 'is' : 'are'} kept: ${tables.join(', ')}.` : '';
}

/** An import error in the analyst's words: the file, the problem, where, and what to do next. */
export function describeImportError(e: ImportError): string {
  return ERRORS[e.kind](quoted(e.file), e);
}

const WARNINGS: Record<ImportWarningKind, (w: ImportWarning, col: string) => string> = {
  'ragged-rows': (w) =>
    `${count(w.count, 'row')} ${w.count === 1 ? 'has' : 'have'} more or fewer cells than the header${examples(w)}. Missing cells are left empty; a stray delimiter or quotation mark in those rows is the usual cause.`,
  'blank-header': (w) =>
    `${count(w.count, 'column')} had no name, so ${w.count === 1 ? 'it was' : 'they were'} named by position: ${w.examples.join(', ')}. You can rename ${w.count === 1 ? 'it' : 'them'} after import.`,
  'duplicate-header': (w) =>
    `${count(w.count, 'column name')} repeated an earlier one, so a number was added: ${w.examples.join(', ')}.`,
  'mixed-types': (w, col) =>
    `Column ${col} holds both numbers and text${examples(w)}, so it was kept as text. Choose a number type for it to treat the text as missing values.`,
  'conversion-failed': (w, col) =>
    `${count(w.count, 'value')} in column ${col} did not convert to the chosen type${examples(w)}; they are empty in that column and kept in its status column.`,
  shorthand: (w, col) =>
    `${count(w.count, 'cell')} in column ${col} hold${w.count === 1 ? 's' : ''} shorthand such as [c], [x] or “..”${examples(w)}: they are empty in the number column and kept in its status column.`,
  'formula-cells': (w) =>
    `${count(w.count, 'cell')} hold${w.count === 1 ? 's' : ''} a formula${examples(w)}: the formula text is kept, it is not calculated. Save a copy with values only if you need the results.`,
  'external-links': (w) =>
    `The workbook links to ${count(w.count, 'other file')}${examples(w)}; the links were not followed, so linked values are as last saved.`,
  'skipped-sheets': (w) =>
    `${count(w.count, 'sheet')} ${w.count === 1 ? 'was' : 'were'} not imported because ${w.count === 1 ? 'it looks' : 'they look'} like cover, contents or notes pages: ${w.examples.join(', ')}.`,
  'invalid-text': (w) =>
    `${count(w.count, 'character')} could not be read in the detected encoding and show as �${examples(w)}. If names look wrong, save the file again as “CSV UTF-8” and import it again.`,
  'nested-values': (w, col) =>
    `${count(w.count, 'value')} in column ${col} ${w.count === 1 ? 'is a list or object' : 'are lists or objects'}, kept as JSON text${examples(w)}.`,
  'line-endings': (w) =>
    `The file mixes line endings: ${count(w.count, 'line')} end${w.count === 1 ? 's' : ''} differently from the rest${examples(w)}. It is read as usual; this often means it was edited by hand or joined from several files.`,
};

/** A warning in the analyst's words; with `file`, it names the file too. */
export function describeWarning(w: ImportWarning, file?: string): string {
  const words = WARNINGS[w.kind](w, w.column !== undefined ? quoted(w.column) : 'this column');
  const text = w.sampledRows === undefined ? words : `In the first ${count(w.sampledRows, 'row')} read so far: ${words}`;
  return file === undefined ? text : `${quoted(file)}: ${text}`;
}
