// Engine layer, pure: the one recipe both engines follow to run SQL read-only — a read-only transaction around one
// prepared statement — and the reading of DuckDB's refusals into typed errors, so no caller matches English text.
import type { QueryErrorKind } from './types.ts';

export const BEGIN_READ_ONLY = 'BEGIN TRANSACTION READ ONLY';
export const END_READ_ONLY = 'ROLLBACK';

/** The kind of a failure inside a read-only run: DuckDB's refusal of several statements or of a write, else 'sql'. */
export function readOnlyFailureKind(engineMessage: string): QueryErrorKind {
  if (/Cannot prepare multiple statements/i.test(engineMessage)) return 'several-statements';
  if (/read-only mode|read-only transaction|in read only/i.test(engineMessage)) return 'writes';
  return 'sql';
}
