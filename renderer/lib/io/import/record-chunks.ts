// IO layer: a big delimited file cut into pieces of whole records, so the engine can take it a piece at a time —
// with progress to show, a Cancel that acts between pieces, and a clean stop when the engine's memory is full. A cut
// falls only after a line break outside quotes (a quoted field may hold line breaks), found by one pass over the
// bytes a window at a time: the file is never read whole into the page's memory. The same pass refuses a record
// longer than the limit (almost always not a table: a minified JSON, a base64 blob), naming its row.
import { ImportError } from './types.ts';
import { MAX_LINE_BYTES, sizeText } from './text-stream.ts';

/** A piece of the file: bytes [start, end), whole records only. */
export interface RecordChunk {
  start: number;
  end: number;
}

/** The bytes read at a time while looking for the cuts (the page's memory holds one window). */
const WINDOW = 4 * 1024 * 1024;

const NEWLINE = 0x0a;

export interface ChunkOptions {
  /** The least bytes in a piece (the last may be shorter). */
  target: number;
  /** The quote and escape characters as the file's plan has them ('' for none). */
  quote: string;
  escape: string;
  /** The file's name, for the message when a record is too long. */
  fileName: string;
  /** The longest record allowed, in bytes (MAX_LINE_BYTES unless a test says otherwise). */
  maxRecordBytes?: number;
}

/**
 * The pieces of `file`, each cut after a newline that is outside quotes. When the escape is the quote itself (""
 * inside a field) each quote simply toggles; another escape character skips the byte after it inside quotes.
 */
export async function* recordChunks(file: Blob, options: ChunkOptions): AsyncGenerator<RecordChunk> {
  const q = options.quote ? options.quote.charCodeAt(0) : -1;
  const e = options.escape && options.escape !== options.quote ? options.escape.charCodeAt(0) : -1;
  const maxRecord = options.maxRecordBytes ?? MAX_LINE_BYTES;
  let inQuotes = false;
  let escaped = false;
  let start = 0;
  let recordStart = 0;
  let row = 1;
  for (let offset = 0; offset < file.size; offset += WINDOW) {
    const bytes = new Uint8Array(await file.slice(offset, Math.min(file.size, offset + WINDOW)).arrayBuffer());
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (escaped) escaped = false;
      else if (b === e && inQuotes) escaped = true;
      else if (b === q) inQuotes = !inQuotes;
      else if (b === NEWLINE && !inQuotes) {
        const end = offset + i + 1;
        if (end - recordStart > maxRecord) break;
        recordStart = end;
        row += 1;
        if (end - start >= options.target && end < file.size) {
          yield { start, end };
          start = end;
        }
      }
    }
    if (Math.min(file.size, offset + WINDOW) - recordStart > maxRecord) {
      throw new ImportError('line-too-long', options.fileName, { row, limit: sizeText(maxRecord) });
    }
  }
  if (start < file.size) yield { start, end: file.size };
}
