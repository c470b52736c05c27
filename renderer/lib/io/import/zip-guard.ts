// Import layer, pure: the gate every XLSX/ODS file passes before SheetJS sees it. SheetJS inflates every zip entry
// into memory at once and believes the sizes a file declares, so a zip bomb renamed .xlsx (a few MB that expand to
// many GB) would take the page's worker down. Here the central directory is read by hand (../zip-read.ts, shared
// with workbook files), the declared expanded size is checked against a limit, and then every entry is inflated as a
// stream whose output is only counted (never kept), so a file whose headers lie is refused too — all before
// anything is expanded into memory. The same gate tells an encrypted workbook (an OLE/CFB file holding an
// "EncryptionInfo" stream, or an ODS whose manifest lists encryption) from an old binary .xls (also OLE/CFB, which
// SheetJS reads) and from a file that is no spreadsheet at all.
import { strFromU8 } from 'fflate';
import { inflateEntry, readZipDirectory as readEntries, ZipReadError, type ZipEntry } from '../zip-read.ts';
import { OdsCellCounter } from './ods-cells.ts';
import { ImportError } from './types.ts';

export interface WorkbookLimits {
  /** The most bytes all entries together may expand to. */
  maxExpanded: number;
  /** The most the whole archive may expand relative to its own size… */
  maxRatio: number;
  /** …once the expanded size passes this (small workbooks of repeated text compress well past 200×). */
  ratioFloor: number;
  /** The most cells an ODS may expand to once its repeated rows and columns are multiplied out (ods-cells.ts). */
  maxOdsCells: number;
}

const MiB = 1024 * 1024;
export const WORKBOOK_LIMITS: WorkbookLimits = { maxExpanded: 1024 * MiB, maxRatio: 200, ratioFloor: 64 * MiB, maxOdsCells: 20_000_000 };

export type { ZipEntry } from '../zip-read.ts';

/** What the gate found: a zip (XLSX, ODS) with its entries, or an OLE/CFB file that is not encrypted (old .xls). */
export type WorkbookContainer = { kind: 'zip'; entries: ZipEntry[] } | { kind: 'cfb' };

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function sizeText(n: number): string {
  if (n >= 1024 * MiB) return `${+(n / (1024 * MiB)).toFixed(1)} GiB`;
  if (n >= MiB) return `${+(n / MiB).toFixed(1)} MiB`;
  return `${Math.ceil(n / 1024)} KiB`;
}

/** Whether the UTF-16LE name (as OLE directory entries store names) occurs in the bytes. */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i >= 0 && i + name.length * 2 <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    for (let k = 0; k < name.length; k++) {
      if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** Sees each inflated chunk of an entry; returns false to refuse the file (it would expand too far). */
interface Sink {
  push(chunk: Uint8Array, final?: boolean): boolean;
  limit: string;
}

/** An ImportError for a zip that could not be read; `limit` names the limit an over-budget entry passed. */
function importErrorOf(e: unknown, file: string, limit: string, sinkLimit = limit): unknown {
  if (!(e instanceof ZipReadError)) return e;
  switch (e.kind) {
    case 'truncated':
      return new ImportError('truncated', file, { detail: e.detail });
    case 'over-budget':
      return new ImportError('expands-too-much', file, { limit });
    case 'sink-refused':
      return new ImportError('expands-too-much', file, { limit: sinkLimit });
    default:
      return new ImportError('corrupt', file, { detail: e.detail });
  }
}

/** Reads the zip's central directory (ZIP64 too). Throws 'truncated' when its end is missing, 'corrupt' when unreadable. */
export function readZipDirectory(bytes: Uint8Array, file: string): ZipEntry[] {
  try {
    return readEntries(bytes);
  } catch (e) {
    throw importErrorOf(e, file, '');
  }
}

/** Inflates one entry, counting its output against `budget` (and the sink); ZipReadErrors become ImportErrors. */
function inflateCounted(bytes: Uint8Array, entry: ZipEntry, file: string, budget: number, limit: string, keep = false, sink?: Sink): Uint8Array {
  try {
    return inflateEntry(bytes, entry, { budget, keep, sink: sink && ((chunk, final) => sink.push(chunk, final)) });
  } catch (e) {
    throw importErrorOf(e, file, limit, sink?.limit);
  }
}

/** Checks a zip's declared and actual expanded sizes against the limits; throws ImportError when it must be refused. */
export function checkZip(bytes: Uint8Array, file: string, limits: WorkbookLimits = WORKBOOK_LIMITS): ZipEntry[] {
  const entries = readZipDirectory(bytes, file);
  if (entries.length === 0) throw new ImportError('empty', file, { detail: 'the zip archive holds no files' });
  const ratioCap = Math.max(limits.ratioFloor, limits.maxRatio * bytes.length);
  const budget = Math.min(limits.maxExpanded, ratioCap);
  // Name the limit the file passes: the absolute one when it passes both.
  const limitPassedBy = (total: number) =>
    total > limits.maxExpanded || budget === limits.maxExpanded ? sizeText(limits.maxExpanded) : `${limits.maxRatio} times the file's size (${sizeText(budget)})`;
  const limit = limitPassedBy(budget + 1);
  const declared = entries.reduce((n, e) => n + e.size, 0);
  if (declared > budget) throw new ImportError('expands-too-much', file, { limit: limitPassedBy(declared), detail: `declares ${sizeText(declared)}` });
  if (entries.some((e) => e.flags & 1)) throw new ImportError('password', file, { detail: 'zip encryption' });
  let used = 0;
  for (const entry of entries) {
    const counter = entry.name === 'content.xml' ? new OdsCellCounter(limits.maxOdsCells) : null;
    const sink = counter && { push: (chunk: Uint8Array, final?: boolean) => counter.push(chunk, final), limit: `${limits.maxOdsCells.toLocaleString('en-GB')} cells` };
    inflateCounted(bytes, entry, file, budget - used, limit, false, sink ?? undefined);
    used += entry.size;
  }
  // An ODS saved with a password keeps its zip readable but lists its encrypted parts in the manifest.
  const manifest = entries.find((e) => e.name === 'META-INF/manifest.xml');
  if (manifest && manifest.size <= 4 * MiB) {
    const xml = strFromU8(inflateCounted(bytes, manifest, file, manifest.size, limit, true));
    if (/<manifest:encryption-data\b/.test(xml)) throw new ImportError('password', file, { detail: 'encrypted OpenDocument' });
  }
  return entries;
}

/**
 * The gate before SheetJS: refuses empty, encrypted, truncated, corrupt and over-expanding files with an ImportError;
 * returns what kind of container the bytes are. Old binary .xls (OLE/CFB without encryption) is let through: SheetJS
 * reads it (it holds no compressed parts, so it cannot expand).
 */
export function guardWorkbook(bytes: Uint8Array, file: string, limits: WorkbookLimits = WORKBOOK_LIMITS): WorkbookContainer {
  if (bytes.length === 0) throw new ImportError('empty', file);
  if (startsWith(bytes, CFB_MAGIC)) {
    if (hasUtf16Name(bytes, 'EncryptionInfo') || hasUtf16Name(bytes, 'EncryptedPackage')) throw new ImportError('password', file);
    return { kind: 'cfb' };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'zip', entries: checkZip(bytes, file, limits) };
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) throw new ImportError('empty', file, { detail: 'an empty zip archive' });
  if (bytes.length < 8 && (startsWith(bytes, [0x50, 0x4b]) || startsWith(bytes, CFB_MAGIC.slice(0, bytes.length)))) {
    throw new ImportError('truncated', file);
  }
  throw new ImportError('unknown-format', file, { detail: 'not a spreadsheet: neither a zip (XLSX, ODS) nor an OLE file (XLS)' });
}
