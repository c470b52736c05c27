// Script layer, Node only: THE SEAM where `idmg pack build` opens a workbook. It returns what a build needs — the
// pack, the saved pivots, and an engine holding the workbook's data with each dataset's provenance — and nothing
// after it knows how the file was stored.
//
// FOR NOW (until the workbook format, renderer/lib/workbook, lands) the "workbook" is a plain JSON file
// `{ "pack": <PackSpec>, "savedPivots": [{ "name", "spec", "chart", "savedAt" }] }` over the built-in datasets only.
// The real reader replaces the body of loadWorkbookForBuild: unzip, migrate, load the embedded tables, and re-import
// each `--data table=path` over the table it names. Its errors keep these kinds (the CLI's exit codes hang on them).
// Frozen snapshots come from a file anything could have written: the app cleans their figures' SVG where they enter
// (state/pack.svelte.ts, lib/markup's DOMPurify, which needs a DOM). The print view cleans again as it draws, but the
// zip writes each figure's SVG as it is, so the real reader must clean frozen SVG too (e.g. in the print session's
// page) before returning the pack. The JSON stand-in is for tests and trusted files only.
import { readFileSync, statSync } from 'node:fs';
import { openWithBuiltins, readManifest } from '../renderer/lib/engine/node-builtin.ts';
import type { NodeEngine } from '../renderer/lib/engine/node.ts';
import type { DatasetInfo } from '../renderer/lib/pack/resolve.ts';
import { parsePackSpec } from '../renderer/lib/pack/spec.ts';
import type { PackSpec } from '../renderer/lib/pack/spec.ts';
import { parsePivotSpec } from '../renderer/lib/query/pivot/parse.ts';
import type { SavedPivotEntry } from '../renderer/lib/services/pack-build.ts';
import type { PivotChartSpec } from '../renderer/lib/viz/pivot-chart.ts';

/** `--data table=path`: this table's data comes from this file instead of the copy inside the workbook. */
export interface DataOverride {
  table: string;
  path: string;
}

export interface WorkbookForBuild {
  pack: PackSpec;
  savedPivots: SavedPivotEntry[];
  /** The engine with every table the workbook holds (and every override) loaded; the caller closes it. */
  engine: NodeEngine;
  /** Each loaded dataset with its fingerprint as loaded (provenance certifies against it). */
  datasets: DatasetInfo[];
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
    readonly kind: 'missing' | 'unknown-table' | 'not-supported-yet',
    readonly override: DataOverride,
    readonly detail = '',
  ) {
    super(`${kind}: ${override.table}=${override.path}${detail ? `: ${detail}` : ''}`);
  }
}

function readJson(path: string): unknown {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new WorkbookError('unreadable', path, 'it is not a file');
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof WorkbookError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new WorkbookError(code === 'ENOENT' ? 'missing' : 'unreadable', path, err instanceof Error ? err.message : String(err));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new WorkbookError('invalid', path, err instanceof Error ? err.message : String(err));
  }
}

function parseSaved(v: unknown, i: number): SavedPivotEntry {
  if (typeof v !== 'object' || v === null || typeof (v as { name?: unknown }).name !== 'string') throw new Error(`saved pivot ${i + 1} has no name`);
  const o = v as { name: string; spec?: unknown; chart?: unknown; savedAt?: unknown };
  return { name: o.name, spec: parsePivotSpec(o.spec), chart: (o.chart ?? null) as PivotChartSpec | null, savedAt: String(o.savedAt ?? '') };
}

export async function loadWorkbookForBuild(path: string, dataOverrides: readonly DataOverride[]): Promise<WorkbookForBuild> {
  const raw = readJson(path);
  let pack: PackSpec;
  let savedPivots: SavedPivotEntry[];
  try {
    if (typeof raw !== 'object' || raw === null || !('pack' in raw)) throw new Error('it has no "pack"');
    const o = raw as { pack: unknown; savedPivots?: unknown };
    pack = parsePackSpec(o.pack);
    if (o.savedPivots !== undefined && !Array.isArray(o.savedPivots)) throw new Error('"savedPivots" should be a list');
    savedPivots = ((o.savedPivots ?? []) as unknown[]).map(parseSaved);
  } catch (err) {
    throw new WorkbookError('invalid', path, err instanceof Error ? err.message : String(err));
  }
  // Every --data file is checked before the engine starts, so a typo fails in a moment, not after the data loads.
  const tables = new Set(readManifest().datasets.map((d) => d.id));
  for (const o of dataOverrides) {
    try {
      if (!statSync(o.path).isFile()) throw new Error('not a file');
    } catch (err) {
      throw new DataFileError('missing', o, err instanceof Error ? err.message : String(err));
    }
    if (!tables.has(o.table)) throw new DataFileError('unknown-table', o);
    // The JSON stand-in holds no tables of its own to replace; the workbook reader re-imports here.
    throw new DataFileError('not-supported-yet', o);
  }
  const { engine, manifest, fingerprints } = await openWithBuiltins();
  const datasets = manifest.datasets.map((d) => ({ ...d, fingerprint: fingerprints[d.id] ?? null }));
  return { pack, savedPivots, engine, datasets };
}
