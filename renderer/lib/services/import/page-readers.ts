// Services layer, page only: the readers with workbooks and Parquet parsed in a worker of their own (started on the
// first such file, kept for the next). Each parse gets its bytes transferred, not copied.
import type { WorkbookRead } from '../../io/import/spreadsheet.ts';
import type { ParseReply, ParseRequest } from '../../io/import/parse.worker.ts';
import { ImportError, type GridTable } from '../../io/import/types.ts';
import type { FileReaders } from './importer.ts';
import { createReaders, type GridParsers } from './read-file.ts';

function workerParsers(): GridParsers {
  let worker: Worker | null = null;
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const start = () => {
    const w = new Worker(new URL('../../io/import/parse.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<ParseReply>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      if (!p) return;
      if (e.data.ok) p.resolve(e.data.value);
      else if ('kind' in e.data.error) p.reject(new ImportError(e.data.error.kind, e.data.error.file, e.data.error.at));
      else p.reject(new Error(e.data.error.message));
    };
    // A worker that dies (out of memory on a hostile file) fails its parses and is started afresh next time.
    w.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(e.message || 'the file reader stopped'));
      pending.clear();
      w.terminate();
      worker = null;
    };
    return w;
  };
  const parse = <T>(kind: ParseRequest['kind'], bytes: Uint8Array, name: string) =>
    new Promise<T>((resolve, reject) => {
      worker ??= start();
      const id = (next += 1);
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, kind, bytes, name } satisfies ParseRequest, [bytes.buffer]);
    });
  return {
    workbook: (bytes, name) => parse<WorkbookRead>('workbook', bytes, name),
    parquet: (bytes, name) => parse<GridTable>('parquet', bytes, name),
  };
}

export const pageReaders = (): FileReaders => createReaders(workerParsers());
