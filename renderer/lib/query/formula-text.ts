// Query logic, pure: the one rule for text a spreadsheet would run as a formula (first character = + - @, tab or
// carriage return), as OWASP describes CSV injection. The CSV and clipboard writers (lib/io) test text with it in the
// page; the whole-result export (result-export.ts) gives the same pattern to DuckDB, so both neutralise alike.
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula (CSV files and ranges pasted alike): it gets a leading apostrophe. */
export const looksLikeFormula = (s: string): boolean => FORMULA_START.test(s);
