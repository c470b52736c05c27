// IO layer, pure: the one zip reader for files a user hands us (spreadsheets in import/zip-guard.ts, workbook files
// in workbook-zip.ts). Libraries that unzip believe the sizes a file declares and expand everything at once; here the
// central directory is read by hand and each entry is inflated as a stream whose output is counted against a budget
// and against its declared size, so a zip bomb or a header that lies is refused before its bytes are kept. Failures
// are ZipReadError with a kind; each caller words them for its own file type.
import { Inflate } from 'fflate';

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

/**
 * Why a zip could not be read: `truncated` — cut short; `corrupt` — unreadable structure or compressed data;
 * `over-budget` — an entry expands past the budget the caller gave; `sink-refused` — the caller's sink refused a
 * chunk; `lies-about-size` — an entry expands to more (or less) than it declares; `unsupported-method` — neither
 * stored nor deflated.
 */
export type ZipReadErrorKind = 'truncated' | 'corrupt' | 'over-budget' | 'sink-refused' | 'lies-about-size' | 'unsupported-method';

export class ZipReadError extends Error {
  constructor(
    readonly kind: ZipReadErrorKind,
    /** What was found, for logs and the detail line of a message. */
    readonly detail = '',
  ) {
    super(`${kind}${detail ? `: ${detail}` : ''}`);
    this.name = 'ZipReadError';
  }
}

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;

/** Reads the zip's central directory (ZIP64 too). Throws ZipReadError 'truncated' or 'corrupt'. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
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
  if (end < 0) throw new ZipReadError('truncated', 'the zip archive has no end record');
  let count = u16(end + 10);
  let cdSize = u32(end + 12);
  let cdOffset = u32(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator) !== ZIP64_LOCATOR) throw new ZipReadError('corrupt', 'ZIP64 locator missing');
    const z64 = u64(locator + 8);
    if (z64 + 56 > bytes.length || u32(z64) !== ZIP64_END) throw new ZipReadError('corrupt', 'ZIP64 end record missing');
    count = u64(z64 + 32);
    cdSize = u64(z64 + 40);
    cdOffset = u64(z64 + 48);
  }
  if (cdOffset + cdSize > bytes.length) throw new ZipReadError('truncated', 'the central directory lies past the end of the file');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const names = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(p) !== ZIP_CENTRAL) throw new ZipReadError('corrupt', `central directory entry ${i + 1} is unreadable`);
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

/** The name an entry's local header gives (what other unzip tools follow). */
export function localName(bytes: Uint8Array, entry: ZipEntry): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length) throw new ZipReadError('truncated', `${entry.name} lies past the end of the file`);
  const length = view.getUint16(at + 26, true);
  return new TextDecoder('utf-8').decode(bytes.subarray(at + 30, Math.min(bytes.length, at + 30 + length)));
}

/** Where an entry's data starts, from its local header (which is what other readers follow). */
function dataStart(bytes: Uint8Array, entry: ZipEntry): number {
  const at = entry.localOffset;
  if (at + 30 > bytes.length) throw new ZipReadError('truncated', `${entry.name} lies past the end of the file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== ZIP_LOCAL) throw new ZipReadError('corrupt', `${entry.name}: local header missing`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipReadError('truncated', `${entry.name} is cut short`);
  return start;
}

const STOP = Symbol('stop');

/** Sees each inflated chunk of an entry; returns false to refuse the file. */
export type ZipSink = (chunk: Uint8Array, final?: boolean) => boolean;

export interface InflateOptions {
  /** The most bytes this entry may expand to; past it, 'over-budget' (checked while streaming). */
  budget: number;
  /** Keep the expanded bytes and return them (otherwise they are only counted and an empty array is returned). */
  keep?: boolean;
  sink?: ZipSink;
}

/**
 * Inflates one entry as a stream. Its output is counted before anything is kept: past its declared size →
 * 'lies-about-size', past `budget` → 'over-budget', refused by the sink → 'sink-refused'. Kept bytes go into one
 * buffer of the declared size, allocated only once that size has passed the budget.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, { budget, keep = false, sink }: InflateOptions): Uint8Array {
  const start = dataStart(bytes, entry);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipReadError('corrupt', `${entry.name}: stored sizes differ`);
    if (entry.size > budget) throw new ZipReadError('over-budget', entry.name);
    const data = bytes.subarray(start, start + entry.size);
    if (sink && !sink(data, true)) throw new ZipReadError('sink-refused', entry.name);
    return keep ? data.slice() : new Uint8Array(0);
  }
  if (entry.method !== 8) throw new ZipReadError('unsupported-method', `${entry.name}: compression method ${entry.method}`);
  if (keep && entry.size > budget) throw new ZipReadError('over-budget', entry.name);
  const kept = keep ? new Uint8Array(entry.size) : null;
  let out = 0;
  let why: ZipReadError | null = null;
  const inflate = new Inflate((chunk, final) => {
    out += chunk.length;
    if (out > entry.size) why = new ZipReadError('lies-about-size', `${entry.name} expands past the size its header declares`);
    else if (out > budget) why = new ZipReadError('over-budget', entry.name);
    else if (sink && !sink(chunk, final)) why = new ZipReadError('sink-refused', entry.name);
    if (why) throw STOP;
    kept?.set(chunk, out - chunk.length);
  });
  const STEP = 64 * 1024;
  try {
    for (let p = 0; p < entry.compressedSize || p === 0; p += STEP) {
      const stop = Math.min(entry.compressedSize, p + STEP);
      inflate.push(bytes.subarray(start + p, start + stop), stop === entry.compressedSize);
    }
  } catch (e) {
    if (why) throw why;
    if (e === STOP) throw new ZipReadError('corrupt', entry.name);
    // fflate's code 0 is "unexpected EOF": the deflate stream stops before its end.
    const code = (e as { code?: number }).code;
    throw new ZipReadError(code === 0 ? 'truncated' : 'corrupt', `${entry.name}: ${(e as Error).message}`);
  }
  if (out !== entry.size) throw new ZipReadError('lies-about-size', `${entry.name} expands to ${out} bytes, not the ${entry.size} declared`);
  return kept ?? new Uint8Array(0);
}
