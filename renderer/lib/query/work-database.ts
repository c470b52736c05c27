// Query layer, pure: the database every table of a session lives in. DuckDB's default in-memory database stores
// tables uncompressed; an attached in-memory database with COMPRESS stores them as a file would (measured here: a
// 12M-row referral table takes 58 MB instead of about 1.5 GB, and scans no slower), which is what lets a 1 GB CSV
// fit in the engine. The engine attaches it and makes it the default before the configuration is locked.
export const WORK_DATABASE = 'workbench';

/** Names by which SQL reaches the default schema of the work database (and DuckDB's own default, kept empty). */
export const DEFAULT_SCHEMA_PATHS: readonly string[] = ['', 'main', WORK_DATABASE, `${WORK_DATABASE}.main`, 'memory', 'memory.main'];
