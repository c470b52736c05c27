// Script layer, Node only: where `idmg pack build` opens a workbook file (.idmgwb) — the same checks the app makes
// (lib/services/workbook/file.ts: container, manifest, every table's SHA-256), the built-in datasets loaded and
// compared with the vintages the workbook recorded, each embedded table loaded as saved, or, for `--data
// table=path`, next quarter's file imported with the options the table was first imported with (its provenance then
// cites the new file and its SHA-256). Frozen figures' SVG is cleaned by the print session before anything exports
// it (idmg-build.ts), as the app cleans it where it enters.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { openWithBuiltins } from '../renderer/lib/engine/node-builtin.ts';
import { NodeEngine } from '../renderer/lib/engine/node.ts';
import type { Engine } from '../renderer/lib/engine/types.ts';
import type { DatasetInfo } from '../renderer/lib/pack/resolve.ts';
import { newPack, type PackSpec } from '../renderer/lib/pack/spec.ts';
import type { SavedPivotEntry } from '../renderer/lib/services/pack-build.ts';
import { fileFacts, importAs } from '../renderer/lib/services/import/importer.ts';
import { directParsers } from '../renderer/lib/services/import/direct-parsers.ts';
import { createReaders } from '../renderer/lib/services/import/read-file.ts';
import { importedDatasetDef, type ImportRecord } from '../renderer/lib/services/import/record.ts';
import { loadWorkbookTable, readWorkbookFile, type OpenedWorkbook } from '../renderer/lib/services/workbook/file.ts';
import { tableFingerprint } from '../renderer/lib/engine/fingerprint.ts';
import { changeSentence, datasetChanges } from '../renderer/lib/workbook/vintage.ts';

/** `--data table=path`: this table's data comes from this file instead of the copy inside the workbook. */
export interface DataOverride {
  table: string;
  path: string;
}

export interface WorkbookForBuild {
  pack: PackSpec;
  savedPivots: SavedPivotEntry[];
  /** The engine with every table the workbook holds (and every override) loaded; the caller closes it. */
  engine: Engine;
  /** Each loaded dataset with its fingerprint as loaded (provenance certifies against it). */
  datasets: DatasetInfo[];
  /** What the analyst should know: built-in data changed since the workbook was saved, tables read from --data files. */
  notices: string[];
}

/** The workbook file cannot be used: exit code 2. `detail` is the reader's own explanation. */
export class WorkbookError extends Error {
  constructor(
    readonly kind: 'missing' | 'unreadable' | 'invalid',
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${kind}: ${path}: ${detail}`);
  }
}

/** A `--data` file cannot be used: exit code 3. */
export class DataFileError extends Error {
  constructor(
    readonly kind: 'missing' | 'unknown-table' | 'import-failed',
    readonly override: DataOverride,
    readonly detail = '',
  ) {
    super(`${kind}: ${override.table}=${override.path}${detail ? `: ${detail}` : ''}`);
  }
}

function readBytes(path: string): Uint8Array {
  try {
    if (!statSync(path).isFile()) throw new WorkbookError('unreadable', path, 'it is not a file');
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    if (err instanceof WorkbookError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbookError(code === 'ENOENT' ? 'missing' : 'unreadable', path, err instanceof Error ? err.message : String(err));
  }
}

/** Next quarter's file for a table, imported as the table was first imported; its record cites the new file. */
async function reimport(engine: Engine, record: ImportRecord, override: DataOverride, now: string): Promise<{ record: ImportRecord; statusColumns: string[] }> {
  const bytes = readFileSync(override.path);
  const file = new File([bytes], basename(override.path));
  const facts = await fileFacts(file, file.name, record.file.format);
  const next: ImportRecord = { ...record, file: { ...facts, format: record.file.format }, importedAt: now.slice(0, 10) };
  const made = await importAs(engine, createReaders(directParsers), next, file);
  if (made.kind === 'problem') throw new DataFileError('import-failed', override, `${made.problem}${made.detail ? `: ${made.detail}` : ''}`);
  return { record: { ...next, rows: made.outcome.rows }, statusColumns: made.outcome.status.map((s) => s.statusColumn) };
}

export async function loadWorkbookForBuild(path: string, dataOverrides: readonly DataOverride[], now = new Date().toISOString()): Promise<WorkbookForBuild> {
  let opened: OpenedWorkbook;
  try {
    opened = await readWorkbookFile(readBytes(path));
  } catch (err) {
    if (err instanceof WorkbookError) throw err;
    throw new WorkbookError('invalid', path, err instanceof Error ? err.message : String(err));
  }
  const { workbook, tables } = opened;
  // Every --data file is checked before the engine starts, so a typo fails in a moment, not after the data loads.
  for (const o of dataOverrides) {
    try {
      if (!statSync(o.path).isFile()) throw new Error('not a file');
    } catch (err) {
      throw new DataFileError('missing', o, err instanceof Error ? err.message : String(err));
    }
    if (!workbook.datasets.imported.some((t) => t.table === o.table)) throw new DataFileError('unknown-table', o, `the workbook's imported tables are: ${workbook.datasets.imported.map((t) => t.table).join(', ') || 'none'}`);
  }
  // The headless build runs the page's own engine (duckdb-wasm's Node build), whatever engine the tests choose.
  const { engine, manifest, fingerprints } = await openWithBuiltins(() => new NodeEngine());
  try {
    const datasets: DatasetInfo[] = manifest.datasets.map((d) => ({ ...d, fingerprint: fingerprints[d.id] ?? null }));
    const notices = datasetChanges(workbook.datasets.builtin, manifest.datasets).map((c) => changeSentence(c, manifest.datasets.find((d) => d.id === c.id)?.title ?? c.id));
    for (const table of workbook.datasets.imported) {
      const override = dataOverrides.find((o) => o.table === table.table);
      if (override) {
        const { record, statusColumns } = await reimport(engine, table.record, override, now);
        datasets.push({ ...importedDatasetDef(record, statusColumns.map((name) => ({ name, type: 'VARCHAR' }))), fingerprint: await tableFingerprint(engine, table.table) });
        notices.push(`${table.table}: read from ${record.file.name} (SHA-256 ${record.file.sha256}, ${record.rows} rows) instead of the workbook's copy of ${table.record.file.name}.`);
      } else {
        await loadWorkbookTable(engine, table, tables.get(table.table)!);
        const extra = table.columns.filter((c) => !table.record.columns.some((r) => r.name === c.name));
        datasets.push({ ...importedDatasetDef(table.record, extra.map((c) => ({ name: c.name, type: 'VARCHAR' }))), fingerprint: await tableFingerprint(engine, table.table) });
      }
    }
    const pack = workbook.packs[0] ?? newPack(now.slice(0, 10));
    return { pack, savedPivots: workbook.savedPivots, engine, datasets, notices };
  } catch (err) {
    await engine.close();
    throw err;
  }
}
