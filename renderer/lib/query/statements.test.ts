// The console's guard for published tables: which tables a statement changes or creates, through DuckDB's
// quoting, comments, CTEs, EXPLAIN ANALYZE and PREPARE — and what it must leave alone (reads, other schemas).
import { describe, expect, it } from 'vitest';
import { changedTable, statementAt, statementRanges, tableChanges, tokenizeStatements } from './statements.ts';

const BUILTIN = ['nrm_referrals_quarterly', 'idmg2012_key_figures'];

describe('changedTable', () => {
  it.each([
    'UPDATE nrm_referrals_quarterly SET referrals = referrals*10 WHERE year = 2011',
    'update NRM_Referrals_Quarterly set referrals = 0',
    'UPDATE "nrm_referrals_quarterly" AS n SET referrals = 0',
    'UPDATE main.nrm_referrals_quarterly SET referrals = 0',
    'UPDATE memory.main.nrm_referrals_quarterly SET referrals = 0',
    'UPDATE workbench.main.nrm_referrals_quarterly SET referrals = 0',
    'DELETE FROM workbench.nrm_referrals_quarterly',
    'USE memory',
    'USE memory; DETACH workbench',
    'DETACH DATABASE IF EXISTS "WorkBench"',
    'DELETE FROM nrm_referrals_quarterly WHERE year < 2012',
    'INSERT INTO nrm_referrals_quarterly SELECT * FROM nrm_referrals_quarterly',
    'INSERT OR REPLACE INTO nrm_referrals_quarterly VALUES (1)',
    'TRUNCATE nrm_referrals_quarterly',
    'TRUNCATE TABLE nrm_referrals_quarterly',
    'ALTER TABLE nrm_referrals_quarterly ADD COLUMN x INTEGER',
    'ALTER TABLE IF EXISTS nrm_referrals_quarterly RENAME TO old_figures',
    'ALTER TABLE my_copy RENAME TO nrm_referrals_quarterly',
    'DROP TABLE nrm_referrals_quarterly',
    'DROP TABLE IF EXISTS my_copy, nrm_referrals_quarterly',
    'DROP VIEW nrm_referrals_quarterly',
    'CREATE OR REPLACE TABLE nrm_referrals_quarterly AS SELECT 1',
    'CREATE TEMP TABLE nrm_referrals_quarterly AS SELECT * FROM my_copy',
    'CREATE VIEW other.nrm_referrals_quarterly AS SELECT 1',
    'COPY nrm_referrals_quarterly FROM \'fake.csv\'',
    "COMMENT ON TABLE nrm_referrals_quarterly IS 'x'",
    "COMMENT ON COLUMN nrm_referrals_quarterly.referrals IS 'x'",
    'WITH x AS (SELECT 1) UPDATE nrm_referrals_quarterly SET referrals = 0',
    'EXPLAIN ANALYZE DELETE FROM nrm_referrals_quarterly',
    'PREPARE p AS DELETE FROM nrm_referrals_quarterly WHERE year = $1',
    "SELECT 'a;b'; /* a /* nested */ comment */ UPDATE nrm_referrals_quarterly SET referrals = 0",
    '-- UPDATE is commented here\nDELETE FROM idmg2012_key_figures',
  ])('refuses %s', (sql) => {
    expect(changedTable(sql, BUILTIN)).not.toBeNull();
  });

  it.each([
    'SELECT * FROM nrm_referrals_quarterly',
    "SELECT 'UPDATE nrm_referrals_quarterly SET x = 1' AS s",
    'SELECT $$DELETE FROM nrm_referrals_quarterly$$',
    "SELECT E'it\\'s; DROP TABLE nrm_referrals_quarterly'",
    'CREATE TABLE my_copy AS SELECT * FROM nrm_referrals_quarterly',
    'UPDATE my_copy SET referrals = referrals * 10',
    'INSERT INTO my_copy SELECT * FROM nrm_referrals_quarterly',
    'UPDATE other.nrm_referrals_quarterly SET x = 1',
    'COPY nrm_referrals_quarterly TO \'out.csv\'',
    'WITH u AS (SELECT * FROM nrm_referrals_quarterly) SELECT count(*) FROM u',
    'DESCRIBE nrm_referrals_quarterly',
    '/* DROP TABLE nrm_referrals_quarterly */ SELECT 1',
    'USE workbench',
    'DETACH my_other_database',
  ])('allows %s', (sql) => {
    expect(changedTable(sql, BUILTIN)).toBeNull();
  });

  it('names the published table, as it is spelled in the list', () => {
    expect(changedTable('select 1; update "NRM_REFERRALS_QUARTERLY" set referrals = 1', BUILTIN)).toBe('nrm_referrals_quarterly');
  });
});

describe('tokenizeStatements and tableChanges', () => {
  it('splits statements on semicolons outside strings, identifiers and comments', () => {
    expect(tokenizeStatements(`SELECT ';' AS "a;b"; -- ; \n SELECT 2;`)).toHaveLength(2);
  });
  it('reads qualified and quoted names', () => {
    expect(tableChanges('UPDATE "my db"."main"."T" SET x = 1')).toEqual([{ verb: 'UPDATE', name: ['my db', 'main', 'T'], creates: false }]);
  });
});

describe('statementRanges and statementAt', () => {
  const sql = "-- first\nSELECT 'a;b' AS x;\n\nCREATE TABLE t AS SELECT 1 /* ; */ AS n ;  \nSELECT $$;$$";
  it('splits at semicolons outside strings, comments and $$ quoting, without the semicolons or leading comments', () => {
    expect(statementRanges(sql).map((r) => sql.slice(r.from, r.to))).toEqual(["SELECT 'a;b' AS x", 'CREATE TABLE t AS SELECT 1 /* ; */ AS n', 'SELECT $$;$$']);
    expect(statementRanges(' ;; ')).toEqual([]);
  });
  it('finds the statement the cursor is in, else the one just before it, else the first', () => {
    const at = (pos: number) => {
      const r = statementAt(sql, pos);
      return r && sql.slice(r.from, r.to);
    };
    expect(at(sql.indexOf('AS x'))).toBe("SELECT 'a;b' AS x");
    expect(at(sql.indexOf('\n\nCREATE') + 1)).toBe("SELECT 'a;b' AS x");
    expect(at(sql.indexOf('AS n'))).toBe('CREATE TABLE t AS SELECT 1 /* ; */ AS n');
    expect(at(sql.length)).toBe('SELECT $$;$$');
    expect(at(0)).toBe("SELECT 'a;b' AS x");
    expect(statementAt('  ', 1)).toBeNull();
  });
});
