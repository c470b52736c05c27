// Shell feature, pure: the status bar's one line about the engine — which one runs (native DuckDB in its own
// process, or duckdb-wasm in the page), its version, threads and memory limit.
import type { EngineInfo } from '../../lib/engine/types.ts';

export function engineLine(info: EngineInfo): string {
  const threads = `${info.threads} ${info.threads === 1 ? 'thread' : 'threads'}`;
  const memory = info.memoryLimit ? ` · memory limit ${info.memoryLimit}` : '';
  const kind = info.bundle === 'native' ? 'native engine' : `in-page engine (wasm) · bundle ${info.bundle}`;
  return `DuckDB ${info.duckdbVersion} · ${kind} · ${threads}${memory}`;
}
