// Import layer, pure (web streams only, so it runs the same in the page, a worker and Node): finds out what a text
// file's bytes are before anything reads them as text. Analysts bring CSVs from everywhere — Excel on Windows
// writes Windows-1252 or UTF-16, other tools UTF-8 with or without a BOM, some files arrive gzipped — and DuckDB's
// read_csv only reads UTF-8, so the pipeline detects the encoding from the first bytes and converts as it streams.
// Nothing here holds a whole file in memory: big files pass through in chunks.
import { ImportError, type CsvPlan, type ImportWarning } from './types.ts';

export type TextEncodingName = CsvPlan['encoding'];

/** How many bytes the encoding is judged from; enough to meet the first accented name in most files. */
export const SAMPLE_BYTES = 1 << 20;

const LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (with BOM)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252',
};

/** The encoding as the preview names it ("Encoding: Windows-1252"). */
export const encodingLabel = (e: TextEncodingName): string => LABELS[e];

/** The WHATWG label TextDecoder understands. */
const decoderLabel = (e: TextEncodingName): string => (e === 'utf-8-bom' ? 'utf-8' : e);

export const isGzip = (head: Uint8Array): boolean => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** Zero bytes at even and odd offsets: UTF-16 text that is mostly ASCII has one side almost all zero. */
function utf16WithoutBom(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) even++;
    if (b[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.4 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.4 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Counts valid multi-byte sequences and invalid bytes; an incomplete sequence cut off by the sample's end is fine. */
function scanUtf8(b: Uint8Array, complete: boolean): { multi: number; invalid: number } {
  let multi = 0;
  let invalid = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) {
      invalid++;
      i++;
      continue;
    }
    if (!complete && i + need >= b.length) break;
    let ok = i + need < b.length;
    for (let k = 1; ok && k <= need; k++) ok = (b[i + k]! & 0xc0) === 0x80;
    // Overlong three-byte forms and surrogates are invalid too; TextDecoder would turn them into U+FFFD.
    if (ok && c === 0xe0 && b[i + 1]! < 0xa0) ok = false;
    if (ok && c === 0xed && b[i + 1]! >= 0xa0) ok = false;
    if (ok && c === 0xf0 && b[i + 1]! < 0x90) ok = false;
    if (ok && c === 0xf4 && b[i + 1]! >= 0x90) ok = false;
    if (ok) {
      multi++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multi, invalid };
}

/** Control characters that never appear in text files (tab, line ends, form feed and Ctrl-Z excepted). */
function controlCount(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1a) n++;
  }
  return n;
}

/**
 * The encoding of a text file from its first bytes (up to SAMPLE_BYTES; `complete` when they are the whole file).
 * Throws ImportError 'empty' (nothing but whitespace) or 'binary' (NUL bytes outside UTF-16, many control characters).
 * Invalid UTF-8 with more valid multi-byte sequences than bad bytes stays UTF-8 (the bad bytes become U+FFFD and an
 * 'invalid-text' warning); otherwise Windows-1252, which decodes every byte.
 */
export function detectEncoding(head: Uint8Array, file: string, complete = true): TextEncodingName {
  if (isGzip(head)) throw new ImportError('binary', file, { detail: 'gzip' });
  let enc: TextEncodingName | null;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) enc = 'utf-8-bom';
  else if (head[0] === 0xff && head[1] === 0xfe) enc = 'utf-16le';
  else if (head[0] === 0xfe && head[1] === 0xff) enc = 'utf-16be';
  else enc = utf16WithoutBom(head);
  if (enc === 'utf-16le' || enc === 'utf-16be') {
    // Zeros in every other byte also fit a table of small binary numbers: decoded, that is all control characters.
    const text = decodeSample(head.subarray(0, 65536), enc);
    const controls = controlCount(Uint8Array.from(text, (ch) => Math.min(ch.charCodeAt(0), 0xff)));
    if (controls > 8 && controls > text.length * 0.01) throw new ImportError('binary', file);
    assertNotEmpty(head, enc, file, complete);
    return enc;
  }
  const body = enc === 'utf-8-bom' ? head.subarray(3) : head;
  if (body.includes(0)) throw new ImportError('binary', file);
  const controls = controlCount(body);
  if (controls > 8 && controls > body.length * 0.01) throw new ImportError('binary', file);
  if (!enc) {
    const { multi, invalid } = scanUtf8(body, complete);
    enc = invalid === 0 || multi > invalid ? 'utf-8' : 'windows-1252';
  }
  assertNotEmpty(head, enc, file, complete);
  return enc;
}

function assertNotEmpty(head: Uint8Array, enc: TextEncodingName, file: string, complete: boolean): void {
  if (complete && decodeSample(head, enc, true).trim() === '') throw new ImportError('empty', file);
}

/**
 * Decodes a sample (BOM dropped); unless `complete`, a multi-byte character cut off at the sample's end is left out,
 * not garbled. Always through the streaming path: Node 20's one-shot windows-1252 decode drops bytes 0x80–0x9F
 * (€, smart quotes) — checked here; the streaming path decodes them right.
 */
export function decodeSample(head: Uint8Array, encoding: TextEncodingName, complete = false): string {
  const decoder = new TextDecoder(decoderLabel(encoding), { fatal: false });
  const text = decoder.decode(head, { stream: true });
  return complete ? text + decoder.decode() : text;
}

/** Filled in while a transcoded stream is read; final once the stream has ended. */
export interface TranscodeReport {
  /** Characters that could not be decoded (U+FFFD in the output). */
  replacements: number;
  /** 1-based line numbers of the first few of them, for the warning's examples. */
  lines: number[];
  /** A non-ASCII character decoded well before the first undecodable one (so the encoding was right). */
  decodedNonAscii: boolean;
}

export const newTranscodeReport = (): TranscodeReport => ({ replacements: 0, lines: [], decodedNonAscii: false });

/**
 * A file judged UTF-8 from its first megabyte (all ASCII there) whose accented letters came later as Windows-1252:
 * every one failed and none decoded. The pipeline should read it again as Windows-1252 rather than keep the U+FFFDs.
 */
export const retryAsWindows1252 = (report: TranscodeReport, encoding: TextEncodingName): boolean =>
  encoding === 'utf-8' && report.replacements > 0 && !report.decodedNonAscii;

/**
 * Streams any detected encoding out as UTF-8 without a BOM, as DuckDB's read_csv wants it. Undecodable bytes become
 * U+FFFD and are counted in `report` (a U+FFFD already in the file counts too: it is lost text either way).
 */
export function toUtf8Stream(
  source: ReadableStream<Uint8Array>,
  encoding: TextEncodingName,
  report: TranscodeReport = newTranscodeReport(),
): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder(decoderLabel(encoding), { fatal: false });
  const encoder = new TextEncoder();
  let line = 1;
  const push = (text: string, out: TransformStreamDefaultController<Uint8Array>) => {
    if (text === '') return;
    if (!report.decodedNonAscii && report.replacements === 0) {
      const first = text.search(/[\u0080-\uffff]/);
      if (first >= 0 && text[first] !== '\uFFFD') report.decodedNonAscii = true;
    }
    let from = 0;
    for (let bad = text.indexOf('\uFFFD'); bad >= 0; bad = text.indexOf('\uFFFD', bad + 1)) {
      line += countNewlines(text, from, bad);
      from = bad;
      report.replacements++;
      if (report.lines.length < 5 && report.lines.at(-1) !== line) report.lines.push(line);
    }
    line += countNewlines(text, from, text.length);
    out.enqueue(encoder.encode(text));
  };
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, out) => push(decoder.decode(chunk, { stream: true }), out),
      flush: (out) => push(decoder.decode(), out),
    }),
  );
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The 'invalid-text' warning for a finished transcode, or null when every byte decoded. */
export function invalidTextWarning(report: TranscodeReport): ImportWarning | null {
  if (report.replacements === 0) return null;
  return { kind: 'invalid-text', count: report.replacements, examples: report.lines.map((l) => `line ${l}`) };
}
