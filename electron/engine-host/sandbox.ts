// Engine host layer, pure: the settings the host applies right after native DuckDB opens, before any SQL from the
// page. Native DuckDB can read and write the whole disk and fetch extensions from the internet, so the host fences it
// into its data folder (imports in files/, spills and copies in tmp/), keeps extensions to those built in, makes the
// compressed work database the default, and locks the configuration so SQL typed by a user cannot undo any of it.
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';

/**
 * The work database's name: the literal of WORK_DATABASE in renderer/lib/query/work-database.ts (the host may not
 * import the page's code). SQL built by the page names tables in it, so the two must stay the same.
 */
export const WORK_DATABASE = 'workbench';

export interface EngineResources {
  threads: number;
  /** DuckDB's memory_limit, e.g. '12288MiB'. */
  memoryLimit: string;
}

/**
 * The engine's default share of the machine: every core, and half the RAM (the page, the OS and other programs keep
 * the rest; beyond the limit DuckDB spills to temp_directory rather than failing).
 */
export function defaultResources(): EngineResources {
  const halfMiB = Math.floor(totalmem() / 2 / (1024 * 1024));
  return { threads: availableParallelism(), memoryLimit: `${halfMiB}MiB` };
}

const str = (value: string): string => `'${value.replaceAll("'", "''")}'`;
const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The folder SQL reads registered files from (with the trailing separator allowed_directories expects). */
export const filesDir = (dataDir: string): string => join(dataDir, 'files');
export const tmpDir = (dataDir: string): string => join(dataDir, 'tmp');
export const incomingDir = (dataDir: string): string => join(dataDir, 'incoming');

/**
 * In order: resources first (they are locked too), extension loading off before anything could trigger it, UTC, the work
 * database while ATTACH is still possible, the allowed folders before external access goes off (the list cannot
 * grow after), and the lock last.
 */
export function sandboxStatements(options: { dataDir: string } & EngineResources): string[] {
  const { dataDir, threads, memoryLimit } = options;
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, not ${threads}`);
  if (!/^\d+(\.\d+)?\s*[KMGT]?i?B$/i.test(memoryLimit)) throw new Error(`memoryLimit must look like '4GiB', not '${memoryLimit}'`);
  const allowed = [join(filesDir(dataDir), '/'), join(tmpDir(dataDir), '/')];
  return [
    `SET threads = ${threads}`,
    `SET memory_limit = ${str(memoryLimit)}`,
    `SET temp_directory = ${str(tmpDir(dataDir))}`,
    'SET autoload_known_extensions = false',
    'SET autoinstall_known_extensions = false',
    'SET allow_community_extensions = false',
    // The page's engine (wasm) has no ICU and reads and shows TIMESTAMPTZ in UTC; native DuckDB would use the
    // machine's zone, and the same SQL would give other figures on another machine or in the other engine.
    "SET TimeZone = 'UTC'",
    `ATTACH ':memory:' AS ${ident(WORK_DATABASE)} (COMPRESS)`,
    `USE ${ident(WORK_DATABASE)}`,
    `SET allowed_directories = [${allowed.map(str).join(', ')}]`,
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ];
}
