// Import layer, worker entry: workbooks and Parquet files are parsed here, off the page's thread, so a big sheet never
// freezes the window. Errors travel back as their ImportError fields (a class does not survive postMessage).
import { readParquet } from './parquet.ts';
import { readWorkbook } from './spreadsheet.ts';
import { ImportError } from './types.ts';

export type ParseRequest = { id: number; kind: 'workbook' | 'parquet'; bytes: Uint8Array; name: string };
export type ParseReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { kind: ImportError['kind']; file: string; at: ImportError['at'] } | { message: string } };

self.onmessage = async (e: MessageEvent<ParseRequest>) => {
  const { id, kind, bytes, name } = e.data;
  try {
    const value = kind === 'workbook' ? readWorkbook(bytes, name) : await readParquet(bytes, name);
    self.postMessage({ id, ok: true, value } satisfies ParseReply);
  } catch (err) {
    const error = err instanceof ImportError ? { kind: err.kind, file: err.file, at: err.at } : { message: err instanceof Error ? err.message : String(err) };
    self.postMessage({ id, ok: false, error } satisfies ParseReply);
  }
};
