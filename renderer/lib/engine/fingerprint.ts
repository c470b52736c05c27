// Engine layer: a table's fingerprint — its row count, a sum of row hashes (order-free) and its column names and
// types — taken when a built-in dataset is loaded and again when a pack is exported, so provenance certifies a
// file's SHA-256 only for figures checked, at export, to be still exactly what was loaded from that file.
import { quoteIdent } from '../query/quote.ts';
import type { Engine } from './types.ts';

export function fingerprintSql(table: string): string {
  // Cast to text inside the engine: a HUGEINT sum read as a double would lose the digits that tell tables apart.
  return (
    `SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(t))::VARCHAR, '0') || ':' || coalesce(any_value(typeof(t)), '') AS f ` +
    `FROM ${quoteIdent(table)} AS t`
  );
}

/** The fingerprint of the table the name resolves to now (as every query of the app would resolve it). */
export async function tableFingerprint(engine: Engine, table: string): Promise<string> {
  const { table: result } = await engine.query(fingerprintSql(table), { readOnly: true });
  return String(result.getChild('f')?.get(0) ?? '');
}
