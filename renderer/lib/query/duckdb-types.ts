// Query logic, pure: the one answer to "is this DuckDB type a number?" for types as DESCRIBE and information_schema
// name them (INTEGER, UBIGINT, HUGEINT, DECIMAL(18,3), DOUBLE…, and their aliases INT8, FLOAT4, NUMERIC) — the
// pivot's compiler, the pack's query tables, the total-row check and the result export all ask it. INTERVAL is not.
const NUMERIC = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?\d*|FLOAT\d*|DOUBLE|REAL|DECIMAL(\(.*\))?|NUMERIC(\(.*\))?)$/i;

export const isNumericType = (type: string): boolean => NUMERIC.test(type.trim());
