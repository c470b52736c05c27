// Import layer, pure (web streams only): the byte streams around the encoding check — gzip, the sample the sniffer
// reads, and the guard against absurd lines. Split from encoding.ts so each stays small; the pipeline strings them
// together as file → (gunzip) → line limit → (to UTF-8) → DuckDB, never holding a whole file in one string.
import { SAMPLE_BYTES, decodeSample, detectEncoding, isGzip, type TextEncodingName } from './encoding.ts';
import { ImportError } from './types.ts';

/**
 * Decompresses a gzip stream. A stream that ends early errors with ImportError 'truncated', other damage with
 * 'corrupt': Node says "unexpected end of file", Chromium "Compressed input was truncated".
 */
export function gunzipStream(source: ReadableStream<Uint8Array>, file: string): ReadableStream<Uint8Array> {
  const reader = source.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (e) {
        const text = `${(e as { code?: string }).code ?? ''} ${(e as Error).message ?? ''}`;
        const kind = /end of file|truncated|Z_BUF_ERROR|unexpected end/i.test(text) ? 'truncated' : 'corrupt';
        controller.error(new ImportError(kind, file, { detail: 'gzip' }));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The first `maxBytes` of a stream, and whether that was all of it; the rest of the stream is cancelled. */
export async function readHead(source: ReadableStream<Uint8Array>, maxBytes = SAMPLE_BYTES): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const reader = source.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let complete = false;
  while (size < maxBytes) {
    const { done, value } = await reader.read();
    if (done) {
      complete = true;
      break;
    }
    parts.push(value);
    size += value.length;
  }
  if (!complete) await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(Math.min(size, maxBytes));
  let at = 0;
  for (const p of parts) {
    const take = p.subarray(0, bytes.length - at);
    bytes.set(take, at);
    at += take.length;
  }
  // A file of exactly maxBytes reads as incomplete: harmless, it only makes the checks more careful.
  return { bytes, complete: complete && size <= maxBytes };
}

/** What the sniffer needs from the start of a text file: its decoded text and how it was stored. */
export interface TextSample {
  text: string;
  encoding: TextEncodingName;
  gzip: boolean;
  /** The sample is the whole file (after decompression). */
  complete: boolean;
}

/**
 * Reads and decodes the start of a (possibly gzipped) text file. `open` gives a fresh stream of the file's bytes
 * each call (Blob.stream()), because a gzipped file is opened again through the decompressor.
 */
export async function readTextSample(open: () => ReadableStream<Uint8Array>, file: string, maxBytes = SAMPLE_BYTES): Promise<TextSample> {
  let head = await readHead(open(), maxBytes);
  const gzip = isGzip(head.bytes);
  if (gzip) head = await readHead(gunzipStream(open(), file), maxBytes);
  if (head.bytes.length === 0) throw new ImportError('empty', file);
  const encoding = detectEncoding(head.bytes, file, head.complete);
  return { text: decodeSample(head.bytes, encoding, head.complete), encoding, gzip, complete: head.complete };
}

/** The longest record (line) of delimited text an import takes: see record-chunks.ts. */
export const MAX_LINE_BYTES = 10 * 1024 * 1024;

/** "10 MB", "64 KB": a size as the analyst reads it. */
export const sizeText = (bytes: number): string =>
  bytes >= 1048576 ? `${+(bytes / 1048576).toFixed(1)} MB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;

