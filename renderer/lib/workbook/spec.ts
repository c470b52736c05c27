// Workbook layer, pure: what a workbook file (.idmgwb) holds — the whole analysis as plain versioned data: the
// datasets it used (built-in ones by id, SHA-256 and vintage; imported tables embedded, with the original file's name
// and SHA-256), saved queries and pivots with their charts and checks, the open consoles and pivots, the packs and
// the analyst's notes. The zip around it (lib/io/workbook-zip.ts) and the embedded tables' bytes are elsewhere;
// this is the manifest every reader — the app, the headless rebuild, tests — parses the same way (parse.ts).
import type { ImportRecord } from '../services/import/record.ts';
import type { PackSpec } from '../pack/spec.ts';
import type { PivotSpec } from '../query/pivot/spec.ts';
import type { PivotChartSpec } from '../viz/pivot-chart.ts';

export const WORKBOOK_FORMAT = 'idmg-workbook';
/** The manifest format this version writes; older ones are migrated on open (migrate.ts), newer ones refused. */
export const WORKBOOK_VERSION = 1;
/** The suggested extension of workbook files. */
export const WORKBOOK_EXTENSION = '.idmgwb';
export const WORKBOOK_MIME = 'application/vnd.idmg.workbook+zip';

/** A built-in dataset the workbook used, as it was when saved: a newer vintage on open is the analyst's choice. */
export interface BuiltinRef {
  id: string;
  /** SHA-256 of the dataset's file as shipped. */
  sha256: string;
  vintage: string;
}

/**
 * An imported table embedded in the file (`entry`: DuckDB's CSV read back with the recorded column types, deflated;
 * see lib/services/workbook/tables.ts for why not Parquet), with how it was imported (`record`).
 */
export interface EmbeddedTable {
  table: string;
  /** The zip entry holding its rows (TABLE_ENTRY). */
  entry: string;
  /** SHA-256 of the entry's bytes, checked before a row is read. */
  sha256: string;
  rows: number;
  /** The table's columns as stored (name and DuckDB type), checked after loading. */
  columns: { name: string; type: string }[];
  /** The import as confirmed: the original file's name, size and SHA-256, and the options it was read with. */
  record: ImportRecord;
}

export interface WorkbookQuery {
  name: string;
  sql: string;
  savedAt: string;
}

export interface WorkbookPivot {
  name: string;
  spec: PivotSpec;
  chart: PivotChartSpec | null;
  savedAt: string;
}

/** A console or pivot open when the workbook was saved, reopened as it was (typed SQL, unsaved arrangements). */
export type OpenTab =
  | { kind: 'sql'; title: string; sql: string; savedName: string | null }
  | { kind: 'pivot'; title: string; spec: PivotSpec; chart: PivotChartSpec | null; savedName: string | null }
  | { kind: 'pack'; title: string };

export interface Workbook {
  format: typeof WORKBOOK_FORMAT;
  version: typeof WORKBOOK_VERSION;
  /** The workbook's name (the file's name without extension when it was saved). */
  name: string;
  savedAt: string;
  /** The workbench version that wrote it. */
  appVersion: string;
  datasets: { builtin: BuiltinRef[]; imported: EmbeddedTable[] };
  savedQueries: WorkbookQuery[];
  savedPivots: WorkbookPivot[];
  tabs: OpenTab[];
  /** The briefing packs (the app composes one today; the file allows several). */
  packs: PackSpec[];
  /** The analyst's own notes on the analysis. */
  notes: string;
}

/** Why a workbook's manifest was refused; each kind is worded once for the analyst (lib/workbook/words.ts). */
export type WorkbookProblem = 'not-json' | 'not-a-workbook' | 'newer-version' | 'unknown-key' | 'wrong-type' | 'missing' | 'not-allowed' | 'duplicate';

export class WorkbookFormatError extends Error {
  constructor(
    readonly kind: WorkbookProblem,
    /** Where in the workbook, in words ("saved pivot 2", "pack 1 item 3"). */
    readonly where: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookFormatError';
  }
}

/** An empty workbook of this name. */
export function emptyWorkbook(name: string, savedAt: string, appVersion: string): Workbook {
  return { format: WORKBOOK_FORMAT, version: WORKBOOK_VERSION, name, savedAt, appVersion, datasets: { builtin: [], imported: [] }, savedQueries: [], savedPivots: [], tabs: [], packs: [], notes: '' };
}

/**
 * Where an embedded table's data may be in the zip: `tables/<stem>.csv`, the stem letters, digits, `_` and `-`. The
 * container (lib/io/workbook-zip.ts) refuses any other entry before expanding anything; the manifest may name no other.
 */
export const TABLE_ENTRY = /^tables\/[A-Za-z0-9][A-Za-z0-9_-]{0,99}\.csv$/;

/** The entry an embedded table is stored under; the position keeps two names that clean alike ("a b", "a_b") apart. */
export function tableEntry(table: string, index: number): string {
  const safe = table.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80);
  return `tables/${index + 1}${safe ? `-${safe}` : ''}.csv`;
}
