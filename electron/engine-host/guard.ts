// Engine host layer, pure: the statements the host refuses whatever their text. The sandbox (sandbox.ts) already
// fences files to the data folder, but inside it ATTACH, COPY and EXPORT could still write or open databases, and
// the workbench has its own ways in and out (Import, Export) that check what they touch. The check uses DuckDB's
// own statement type of each prepared statement, so no spelling, comment or casing gets past it.
import { StatementType } from '@duckdb/node-api';

export interface Refusal {
  ok: false;
  kind: 'not-allowed';
  message: string;
}

/** Why each refused type is refused, in words for the analyst. */
const REFUSED: ReadonlyMap<StatementType, { name: string; why: string }> = new Map([
  [StatementType.ATTACH, { name: 'ATTACH', why: 'the workbench reads files only through Import' }],
  [StatementType.DETACH, { name: 'DETACH', why: 'the workbench manages its own databases' }],
  // INSTALL and LOAD share one type: only the extensions built into the engine are available.
  [StatementType.LOAD, { name: 'INSTALL or LOAD', why: 'the workbench uses only the extensions built into its engine' }],
  [StatementType.EXPORT, { name: 'EXPORT', why: 'the workbench writes files only through Export' }],
  // COPY … TO and COPY … FROM; COPY FROM DATABASE is expanded by DuckDB into statements checked one by one.
  [StatementType.COPY, { name: 'COPY', why: 'the workbench reads files only through Import and writes them only through Export' }],
  // EXECUTE reports its own type, not the prepared statement's, so PREPARE would hide any of the above.
  [StatementType.PREPARE, { name: 'PREPARE', why: 'the workbench runs each statement as written' }],
  [StatementType.EXECUTE, { name: 'EXECUTE', why: 'the workbench runs each statement as written' }],
  // Types DuckDB's C API cannot name (UPDATE EXTENSIONS among them) or that create extensions.
  [StatementType.INVALID, { name: 'This statement', why: 'the workbench cannot tell what it does' }],
  [StatementType.EXTENSION, { name: 'This statement', why: 'the workbench uses only the extensions built into its engine' }],
]);

/** The refusal for a statement of this type, or null when it may run. */
export function refusal(type: StatementType): Refusal | null {
  const refused = REFUSED.get(type);
  return refused ? { ok: false, kind: 'not-allowed', message: `${refused.name} is not allowed: ${refused.why}.` } : null;
}

/** Thrown by the host when the guard refuses, so one catch turns it into the reply. */
export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
    this.name = 'RefusedError';
  }
}

/** Throws RefusedError for a refused statement type. */
export function guard(type: StatementType): void {
  const refused = refusal(type);
  if (refused) throw new RefusedError(refused);
}
