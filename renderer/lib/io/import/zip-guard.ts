// Import layer, pure: the gate every XLSX/ODS file passes before SheetJS sees it. SheetJS inflates every zip entry
// into memory at once and believes the sizes a file declares, so a zip bomb renamed .xlsx (a few MB that expand to
// many GB) would take the page's worker down. Here the central directory is read by hand, the declared expanded size
// is checked against a limit, and then every entry is inflated as a stream whose output is only counted (never kept),
// so a file whose headers lie is refused too — all before anything is expanded into memory. The same gate tells an
// encrypted workbook (an OLE/CFB file holding an "EncryptionInfo" stream, or an ODS whose manifest lists encryption)
// from an old binary .xls (also OLE/CFB, which SheetJS reads) and from a file that is no spreadsheet at all.
import { Inflate, strFromU8 } from 'fflate';
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

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused. */
  method: number;
  flags: number;
  compressedSize: number;
  /** The expanded size the central directory declares. */
  size: number;
  localOffset: number;
}

/** What the gate found: a zip (XLSX, ODS) with its entries, or an OLE/CFB file that is not encrypted (old .xls). */
export type WorkbookContainer = { kind: 'zip'; entries: ZipEntry[] } | { kind: 'cfb' };

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;

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

/** Reads the zip's central directory (ZIP64 too). Throws 'truncated' when its end is missing, 'corrupt' when unreadable. */
export function readZipDirectory(bytes: Uint8Array, file: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ImportError('truncated', file, { detail: 'the zip archive has no end record' });
  let count = u16(end + 10);
  let cdSize = u32(end + 12);
  let cdOffset = u32(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== ZIP64_LOCATOR) throw new ImportError('corrupt', file, { detail: 'ZIP64 locator missing' });
    const z64 = u64(locator + 8);
    if (z64 + 56 > bytes.length || u32(z64) !== ZIP64_END) throw new ImportError('corrupt', file, { detail: 'ZIP64 end record missing' });
    count = u64(z64 + 32);
    cdSize = u64(z64 + 40);
    cdOffset = u64(z64 + 48);
  }
  if (cdOffset + cdSize > bytes.length) throw new ImportError('truncated', file, { detail: 'the central directory lies past the end of the file' });
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const names = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(p) !== ZIP_CENTRAL) throw new ImportError('corrupt', file, { detail: `central directory entry ${i + 1} is unreadable` });
    const nameLength = u16(p + 28);
    const extraLength = u16(p + 30);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      flags: u16(p + 8),
      method: u16(p + 10),
      compressedSize: u32(p + 20),
      size: u32(p + 24),
      localOffset: u32(p + 42),
    };
    // ZIP64 extended information: the fields whose 32-bit value is all ones, in this order.
    for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength; x += 4 + u16(x + 2)) {
      if (u16(x) !== 0x0001) continue;
      let f = x + 4;
      if (entry.size === 0xffffffff) {
        entry.size = u64(f);
        f += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = u64(f);
        f += 8;
      }
      if (entry.localOffset === 0xffffffff) entry.localOffset = u64(f);
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + u16(p + 32);
  }
  return entries;
}

/** Where an entry's data starts, from its local header (which is what SheetJS follows). */
function dataStart(bytes: Uint8Array, entry: ZipEntry, file: string): number {
  const at = entry.localOffset;
  if (at + 30 > bytes.length) throw new ImportError('truncated', file, { detail: `${entry.name} lies past the end of the file` });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== ZIP_LOCAL) throw new ImportError('corrupt', file, { detail: `${entry.name}: local header missing` });
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ImportError('truncated', file, { detail: `${entry.name} is cut short` });
  return start;
}

const STOP = Symbol('stop');

/** Sees each inflated chunk of an entry; returns false to refuse the file (it would expand too far). */
interface Sink {
  push(chunk: Uint8Array, final?: boolean): boolean;
  limit: string;
}

/**
 * Inflates one entry as a stream, keeping at most `keep` bytes of it; throws when it expands past its declared size
 * or past `budget`, or when the sink refuses it. Returns the kept bytes (empty unless asked for).
 */
function inflateCounted(bytes: Uint8Array, entry: ZipEntry, file: string, budget: number, limit: string, keep = 0, sink?: Sink): Uint8Array {
  const start = dataStart(bytes, entry, file);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ImportError('corrupt', file, { detail: `${entry.name}: stored sizes differ` });
    if (entry.size > budget) throw new ImportError('expands-too-much', file, { limit });
    if (sink && !sink.push(bytes.subarray(start, start + entry.size), true)) throw new ImportError('expands-too-much', file, { limit: sink.limit });
    return bytes.subarray(start, start + Math.min(keep, entry.size));
  }
  if (entry.method !== 8) throw new ImportError('corrupt', file, { detail: `${entry.name}: unsupported compression method ${entry.method}` });
  let out = 0;
  let why: ImportError | null = null;
  const kept: Uint8Array[] = [];
  const inflate = new Inflate((chunk, final) => {
    out += chunk.length;
    if (out > entry.size) why = new ImportError('corrupt', file, { detail: `${entry.name} expands past the size its header declares` });
    else if (out > budget) why = new ImportError('expands-too-much', file, { limit });
    else if (sink && !sink.push(chunk, final)) why = new ImportError('expands-too-much', file, { limit: sink.limit });
    if (why) throw STOP;
    if (keep > 0) kept.push(chunk.slice(0, Math.max(0, keep - (out - chunk.length))));
  });
  const STEP = 16 * 1024;
  try {
    for (let p = 0; p < entry.compressedSize || p === 0; p += STEP) {
      const stop = Math.min(entry.compressedSize, p + STEP);
      inflate.push(bytes.subarray(start + p, start + stop), stop === entry.compressedSize);
    }
  } catch (e) {
    if (why) throw why;
    if (e === STOP) throw new ImportError('corrupt', file, { detail: entry.name });
    const code = (e as { code?: number }).code;
    throw new ImportError(code === 0 ? 'truncated' : 'corrupt', file, { detail: `${entry.name}: ${(e as Error).message}` });
  }
  if (out !== entry.size) throw new ImportError('corrupt', file, { detail: `${entry.name} expands to ${out} bytes, not the ${entry.size} declared` });
  const all = new Uint8Array(kept.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of kept) {
    all.set(c, at);
    at += c.length;
  }
  return all;
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
    inflateCounted(bytes, entry, file, budget - used, limit, 0, sink ?? undefined);
    used += entry.size;
  }
  // An ODS saved with a password keeps its zip readable but lists its encrypted parts in the manifest.
  const manifest = entries.find((e) => e.name === 'META-INF/manifest.xml');
  if (manifest && manifest.size <= 4 * MiB) {
    const xml = strFromU8(inflateCounted(bytes, manifest, file, manifest.size, limit, manifest.size));
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
