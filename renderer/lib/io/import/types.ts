// Import layer, pure: the shapes every file reader hands to the import pipeline. A reader turns bytes into either a
// grid of cells (spreadsheets, JSON, Parquet, pasted ranges, small text files) or, for delimited text of any size, a
// plan DuckDB's read_csv follows (so a 1 GB CSV never becomes JavaScript objects). Either way the pipeline then
// lands the values as text in a staging table, infers and converts types in SQL, and creates the table only when
// the analyst confirms. Failures are typed (ImportError.kind) and worded in one place (import-words.ts).

/** One cell as a reader found it. Dates from spreadsheets come as ISO text ("2023-03-31"), never as serial numbers. */
export type Cell = string | number | boolean | null;

/** The file formats the workbench reads. */
export type ImportFormat = 'csv' | 'xlsx' | 'ods' | 'json' | 'ndjson' | 'parquet' | 'paste';

/** Something a reader detected, shown to the analyst in the preview ("Encoding: Windows-1252"). */
export interface Detected {
  label: string;
  value: string;
}

/** Why an import needs the analyst's attention; each kind is worded once (import-words.ts). */
export type ImportWarningKind =
  | 'ragged-rows' // rows with more or fewer fields than the header
  | 'blank-header' // a header cell was empty: a name was made up
  | 'duplicate-header' // two columns had one name: a suffix was added
  | 'mixed-types' // a column holds numbers and text: kept as text unless the analyst chooses a number type
  | 'conversion-failed' // values that did not convert to the chosen type (kept in the column's status column)
  | 'shorthand' // [c], [x], [z], [low], [u], "-", "..", ":" cells: NULL in the number column, kept in its status column
  | 'formula-cells' // spreadsheet formulas: kept as their formula text, never calculated
  | 'external-links' // a workbook links to other files: not followed
  | 'skipped-sheets' // cover, contents or notes sheets recognised and not imported
  | 'invalid-text' // bytes that were not valid in the detected encoding
  | 'nested-values' // JSON objects or arrays inside a value: kept as JSON text
  | 'line-endings'; // mixed line endings in one file

export interface ImportWarning {
  kind: ImportWarningKind;
  /** How many cells, rows, columns or sheets this concerns. */
  count: number;
  /** A few examples, as the analyst would recognise them: 'row 12: "n/a"', 'column 3'. */
  examples: string[];
  /** The column concerned, when there is one. */
  column?: string;
  /** Set when the count covers only the first this-many rows of the file (a sniffing sample), not all of it. */
  sampledRows?: number;
}

/** A table read as cells: the header (raw texts, '' for blank) and the rows below it. */
export interface GridTable {
  /** The sheet's name, or the file's name without its extension. */
  name: string;
  header: string[];
  rows: Cell[][];
  /** The title and notes found above the table (official statistics layout), kept as the table's description. */
  title?: string;
  notes?: string[];
  detected: Detected[];
  warnings: ImportWarning[];
  /**
   * The DuckDB type of each column when the file declares it (Parquet: 'BIGINT', 'DECIMAL(18,2)', 'TIMESTAMPTZ', …),
   * so the pipeline casts the text to that type instead of inferring one; absent when types are to be inferred.
   */
  columnTypes?: string[];
}

/** How DuckDB's read_csv should read a delimited text file, as detected from its first bytes. */
export interface CsvPlan {
  /** The file's encoding as detected; the pipeline converts anything but UTF-8 to UTF-8 before DuckDB reads it. */
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';
  gzip: boolean;
  delimiter: string;
  quote: string;
  /** The escape character inside quotes ('"' for doubled quotes, as RFC 4180). */
  escape: string;
  header: boolean;
  /** Lines above the header (titles) to skip. */
  skipRows: number;
  /** ',' when numbers are written 1.234,5 / 1234,5. */
  decimal: '.' | ',';
  /** The thousands separator seen in numbers, if any ('1,234' → ','; '1.234,5' → '.'; '1 234' → ' '). */
  thousands: ',' | '.' | ' ' | "'" | null;
  /** The header's texts (raw, '' for blank), or column1… when there is no header row. */
  columns: string[];
  detected: Detected[];
  warnings: ImportWarning[];
}

/** Why a file could not be imported at all. Each kind is worded once, with what to do next (import-words.ts). */
export type ImportErrorKind =
  | 'empty' // no bytes, or only whitespace
  | 'header-only' // a header and no rows
  | 'binary' // not text (e.g. an image or program renamed .csv)
  | 'truncated' // a compressed stream or archive ends early
  | 'corrupt' // a spreadsheet, Parquet or JSON file that cannot be parsed
  | 'password' // an encrypted (password-protected) workbook
  | 'expands-too-much' // an archive that would expand past the limit (a zip bomb): refused before expanding
  | 'too-large' // bigger than the engine can hold
  | 'too-many-columns'
  | 'unterminated-quote'
  | 'line-too-long'
  | 'not-a-table' // JSON that is not an array of records (or NDJSON)
  | 'too-deep' // JSON nested past the limit
  | 'no-sheets' // a workbook with no sheet holding a table
  | 'unknown-format'
  | 'cancelled';

export class ImportError extends Error {
  constructor(
    readonly kind: ImportErrorKind,
    /** The file's name, as the analyst knows it. */
    readonly file: string,
    /** Specifics for the wording: row and column (1-based) where there is one, a limit, a sheet name. */
    readonly at: { row?: number; column?: number; sheet?: string; limit?: string; detail?: string } = {},
  ) {
    super(`${kind}: ${file}`);
    this.name = 'ImportError';
  }
}
