// The one "is this a number type" for DuckDB's type names, as DESCRIBE gives them.
import { describe, expect, it } from 'vitest';
import { isNumericType } from './duckdb-types.ts';

describe('a DuckDB type is a number', () => {
  it('for every integer, float and decimal name and alias; never for dates, intervals or text', () => {
    const numbers = ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT', 'INT8', 'FLOAT', 'FLOAT4', 'REAL', 'DOUBLE', 'DECIMAL(18,3)', ' decimal(4,1) ', 'NUMERIC'];
    const others = ['VARCHAR', 'DATE', 'TIMESTAMP', 'INTERVAL', 'BOOLEAN', 'INTEGER[]', 'STRUCT(a INTEGER)', 'BLOB', 'UUID'];
    expect(numbers.filter((t) => !isNumericType(t))).toEqual([]);
    expect(others.filter(isNumericType)).toEqual([]);
  });
});
