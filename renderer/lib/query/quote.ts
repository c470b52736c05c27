// Query layer, pure: quoting of SQL identifiers and literals for DuckDB. Every name or value that reaches SQL
// built by code goes through here, so a field called `"; DROP TABLE x; --` is just a field.

/** A double-quoted identifier; embedded quotes are doubled. */
export function quoteIdent(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character.');
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted string literal; embedded quotes are doubled. */
export function quoteString(value: string): string {
  if (value.includes('\0')) throw new Error('A text value cannot contain a NUL character.');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A literal for a JS value: numbers stay numbers (finite only), strings are quoted, null is NULL. */
export function quoteLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
    return String(value);
  }
  return quoteString(value);
}
