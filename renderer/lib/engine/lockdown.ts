// Engine layer, pure: the settings applied right after the database opens, before anything else runs. They
// stop DuckDB from fetching extensions (autoload would silently reach the internet), point the extension
// repository at the app's own origin, make the compressed work database the default (query/work-database.ts), and
// then lock the configuration so SQL typed by a user cannot undo them.
import { quoteIdent, quoteString } from '../query/quote.ts';
import { WORK_DATABASE } from '../query/work-database.ts';

/**
 * DuckDB's memory limit inside wasm. Measured here (duckdb-wasm 1.32.0, Chromium): once the wasm heap grows past
 * 2 GiB, results come back corrupt ("offset is out of bounds", empty results) — pointers above 2^31 — and a heap
 * near 4 GiB kills the worker. At 1.5 GiB DuckDB stops with its own clear out-of-memory error instead.
 */
export const WASM_MEMORY_LIMIT = '1.5GiB';

export function lockdownStatements(extensionRepository: string, memoryLimit = WASM_MEMORY_LIMIT): string[] {
  return [
    `SET memory_limit = ${quoteString(memoryLimit)}`,
    'SET autoload_known_extensions = false',
    'SET autoinstall_known_extensions = false',
    'SET allow_community_extensions = false',
    `SET custom_extension_repository = ${quoteString(extensionRepository)}`,
    `ATTACH ':memory:' AS ${quoteIdent(WORK_DATABASE)} (COMPRESS)`,
    `USE ${quoteIdent(WORK_DATABASE)}`,
    'SET lock_configuration = true',
  ];
}
