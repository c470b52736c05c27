// IO layer, pure: the container of a workbook file (.idmgwb) — a zip holding `workbook.json` (the manifest, which
// lib/workbook parses) and the analyst's tables under `tables/`. A workbook is a file people mail to each other, so
// reading one is treated as reading a hostile file: every entry name is checked before anything is expanded, sizes
// are checked as declared and again while inflating (zip-read.ts counts the output, so a header that lies is caught),
// and nothing but the two expected kinds of entry is accepted. Writing is deterministic (a fixed date on every
// entry), so saving the same workbook twice gives the same bytes.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { TABLE_ENTRY } from '../workbook/spec.ts';
import { inflateEntry, localName, readZipDirectory, ZipReadError, type ZipEntry } from './zip-read.ts';

export const MANIFEST_ENTRY = 'workbook.json';

/** The entry name for a table's file; throws WorkbookFileError 'unsafe-entry-name' unless `stem` is letters, digits, _ and -. */
export function tableEntryName(stem: string): string {
  const name = `tables/${stem}.csv`;
  if (!TABLE_ENTRY.test(name)) throw new WorkbookFileError('unsafe-entry-name', name);
  return name;
}

export const isTableEntryName = (name: string): boolean => TABLE_ENTRY.test(name);

export interface WorkbookFileLimits {
  /** The most bytes workbook.json may expand to (declared and actual). */
  maxManifest: number;
  /** The most bytes all entries together may expand to. */
  maxExpanded: number;
  /** The most the archive may expand relative to its own size… */
  maxRatio: number;
  /** …once the expanded size passes this (small tables of repeated values compress far). */
  ratioFloor: number;
  maxEntries: number;
}

const MiB = 1024 * 1024;
export const WORKBOOK_FILE_LIMITS: WorkbookFileLimits = {
  maxManifest: 64 * MiB,
  maxExpanded: 4096 * MiB,
  // Deflate cannot pass ~1,030×; CSV of real tables deflates 3–30×. Past 500× over 256 MiB is a bomb, not data.
  maxRatio: 500,
  ratioFloor: 256 * MiB,
  maxEntries: 10_000,
};

export type WorkbookFileErrorKind =
  | 'empty'
  | 'not-a-zip'
  | 'truncated'
  | 'corrupt'
  | 'encrypted-or-unsupported'
  | 'unsafe-entry-name'
  | 'duplicate-entry'
  | 'unexpected-entry'
  | 'no-manifest'
  | 'manifest-not-json-text'
  | 'too-large'
  | 'zip-bomb';

const MESSAGES: Record<WorkbookFileErrorKind, string> = {
  empty: 'The workbook file is empty. Open the workbook from where it was saved, or ask its sender for it again.',
  'not-a-zip': 'This is not a workbench workbook (.idmgwb). Open a file that the workbench saved.',
  truncated: 'The workbook file is incomplete: it was cut short while being copied or downloaded. Copy it again or ask its sender for it again.',
  corrupt: 'The workbook file is damaged and cannot be read. Open an earlier copy, or ask its sender to save it again.',
  'encrypted-or-unsupported': 'The workbook file is encrypted or compressed in a way the workbench does not write. Open a workbook saved by the workbench, as it saved it.',
  'unsafe-entry-name': 'The workbook file holds a part whose name could write outside its folder, so it was not opened. Do not use this file; ask its sender to save it again from the workbench.',
  'duplicate-entry': 'The workbook file holds two parts with the same name, so which one is meant is unclear. It was not opened; ask its sender to save it again from the workbench.',
  'unexpected-entry': 'The workbook file holds parts that the workbench never writes, so it was not opened. It may have been changed after saving; ask its sender to save it again from the workbench.',
  'no-manifest': 'The workbook file has no workbook.json, the description of its contents. It was not saved by the workbench, or it is damaged.',
  'manifest-not-json-text': "The workbook file's workbook.json is not text the workbench wrote. The file is damaged or was changed after saving.",
  'too-large': 'The workbook file expands to more than the workbench can open safely. Split its tables across several workbooks, or import the data files directly.',
  'zip-bomb': 'The workbook file expands to far more than its size or its own description allows (a "zip bomb"), so it was not opened. Do not use this file.',
};

/** Why a workbook file was refused; `message` says it in plain English with what to do, `detail` what was found. */
export class WorkbookFileError extends Error {
  constructor(
    readonly kind: WorkbookFileErrorKind,
    /** The entry or size concerned, for logs and a "details" line; never for control flow. */
    readonly detail = '',
  ) {
    super(MESSAGES[kind]);
    this.name = 'WorkbookFileError';
  }
}

/** A fixed date on every entry (fflate needs 1980–2099), so equal workbooks are equal bytes. */
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

/**
 * The workbook file's bytes: workbook.json first, then each table's file, all deflated (tables are CSV, which
 * deflates well). Throws WorkbookFileError 'unsafe-entry-name' or 'duplicate-entry' for a bad table entry name.
 */
export function writeWorkbookZip(manifestJson: string, tables: { entry: string; bytes: Uint8Array }[]): Uint8Array {
  const files: Zippable = { [MANIFEST_ENTRY]: [strToU8(manifestJson), { level: 6, mtime: FIXED_MTIME }] };
  for (const { entry, bytes } of tables) {
    if (!TABLE_ENTRY.test(entry)) throw new WorkbookFileError('unsafe-entry-name', entry);
    if (entry in files) throw new WorkbookFileError('duplicate-entry', entry);
    files[entry] = [bytes, { level: 6, mtime: FIXED_MTIME }];
  }
  return zipSync(files);
}

/** Why a name is refused before anything is expanded: paths that climb, are absolute, or could be read otherwise. */
function unsafeName(name: string): boolean {
  return (
    name === '' ||
    [...name].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '\\' || c === ':') || // NUL, controls, backslashes, drive letters, NTFS streams
    name.startsWith('/') ||
    name.split('/').some((part) => part === '' || part === '.' || part === '..')
  );
}

function fromZipError(e: unknown): unknown {
  if (!(e instanceof ZipReadError)) return e;
  switch (e.kind) {
    case 'truncated':
      return new WorkbookFileError('truncated', e.detail);
    case 'unsupported-method':
      return new WorkbookFileError('encrypted-or-unsupported', e.detail);
    case 'over-budget':
    case 'sink-refused':
    case 'lies-about-size':
      return new WorkbookFileError('zip-bomb', e.detail);
    default:
      return new WorkbookFileError('corrupt', e.detail);
  }
}

/** The entries' names, checked: safe, expected, unique, and the same in the local header as in the directory. */
function checkEntries(bytes: Uint8Array, entries: ZipEntry[], limits: WorkbookFileLimits): void {
  if (entries.length > limits.maxEntries) throw new WorkbookFileError('too-large', `${entries.length} entries`);
  const seen = new Set<string>();
  for (const entry of entries) {
    if (unsafeName(entry.name)) throw new WorkbookFileError('unsafe-entry-name', JSON.stringify(entry.name));
    // Another unzip tool follows the local header's name: it must not say anything else.
    if (localName(bytes, entry) !== entry.name) throw new WorkbookFileError('unsafe-entry-name', `${entry.name}: its local header names another file`);
    if (entry.name !== MANIFEST_ENTRY && !TABLE_ENTRY.test(entry.name)) throw new WorkbookFileError('unexpected-entry', entry.name);
    // Zip names are case-sensitive, file systems often are not: "Workbook.json" beside "workbook.json" is refused too.
    const key = entry.name.toLowerCase();
    if (seen.has(key)) throw new WorkbookFileError('duplicate-entry', entry.name);
    seen.add(key);
    if (entry.flags & 1) throw new WorkbookFileError('encrypted-or-unsupported', `${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new WorkbookFileError('encrypted-or-unsupported', `${entry.name}: compression method ${entry.method}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Opens a workbook file's container. Returns the manifest as text (valid UTF-8 starting with `{`; lib/workbook
 * parses it) and every table entry's bytes by entry name. Throws WorkbookFileError (see its kinds) before keeping
 * anything when the file is empty, not a zip, truncated, corrupt, encrypted, holds an unsafe, unexpected or
 * duplicate name, has no manifest, or expands past the limits — declared or actual.
 */
export function readWorkbookZip(bytes: Uint8Array, limits: WorkbookFileLimits = WORKBOOK_FILE_LIMITS): { manifestText: string; entries: Map<string, Uint8Array> } {
  if (bytes.length === 0) throw new WorkbookFileError('empty');
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new WorkbookFileError('not-a-zip');
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
    checkEntries(bytes, entries, limits);
  } catch (e) {
    throw fromZipError(e);
  }
  const manifest = entries.find((e) => e.name === MANIFEST_ENTRY);
  if (!manifest) throw new WorkbookFileError('no-manifest');
  if (manifest.size > limits.maxManifest) throw new WorkbookFileError('too-large', `workbook.json declares ${manifest.size} bytes`);
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > limits.maxExpanded) throw new WorkbookFileError('too-large', `declares ${declared} bytes`);
  const budget = Math.min(limits.maxExpanded, Math.max(limits.ratioFloor, limits.maxRatio * bytes.length));
  if (declared > budget) throw new WorkbookFileError('zip-bomb', `declares ${declared} bytes in a file of ${bytes.length}`);

  // Only the declared sizes are allocated, and inflating stops the moment an entry passes its own: a file can make
  // us hold no more than it declares, which has passed the limits above.
  let manifestBytes: Uint8Array;
  const tables = new Map<string, Uint8Array>();
  let used = 0;
  try {
    manifestBytes = inflateEntry(bytes, manifest, { budget: Math.min(limits.maxManifest, budget), keep: true });
    used += manifest.size;
    for (const entry of entries) {
      if (entry === manifest) continue;
      tables.set(entry.name, inflateEntry(bytes, entry, { budget: budget - used, keep: true }));
      used += entry.size;
    }
  } catch (e) {
    throw fromZipError(e);
  }
  let manifestText: string;
  try {
    manifestText = utf8.decode(manifestBytes);
  } catch {
    throw new WorkbookFileError('manifest-not-json-text', 'not UTF-8');
  }
  if (!/^\s*\{/.test(manifestText)) throw new WorkbookFileError('manifest-not-json-text', 'does not start with {');
  return { manifestText, entries: tables };
}
