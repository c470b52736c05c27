import { describe, expect, it } from 'vitest';
import { errorPosition, lineAndColumn } from './error-position.ts';

// Messages as native DuckDB 1.4.3 and duckdb-wasm give them (copied from the engines' own output).
describe('errorPosition', () => {
  it('finds the caret on the first line', () => {
    const sql = 'SELECT foo FROM x';
    const pos = errorPosition('Binder Error: Referenced column "foo" not found in FROM clause!\nCandidate bindings: "a"\n\nLINE 1: SELECT foo FROM x\n               ^', sql);
    expect(pos).toEqual({ line: 1, column: 8, offset: 7 });
    expect(sql.slice(pos!.offset)).toMatch(/^foo/);
  });

  it('finds it on a later line, counting the lines before', () => {
    const sql = 'SELECT a,\n  b,\n  nosuch FROM x';
    const pos = errorPosition('Binder Error: Referenced column "nosuch" not found in FROM clause!\nCandidate bindings: "a"\n\nLINE 3:   nosuch FROM x\n          ^', sql);
    expect(pos).toEqual({ line: 3, column: 3, offset: 17 });
    expect(sql.slice(pos!.offset)).toMatch(/^nosuch/);
  });

  it('finds it in a long line DuckDB shows cut', () => {
    const sql = 'SELECT a, b, a+1, a+2, a+3, a+4, a+5, a+6, a+7, a+8, a+9, a+10, a+11, a+12, a+13, a+14, a+15, nosuch, a+16, a+17, a+18, a+19, a+20, a+21, a+22 FROM x';
    const message = 'Binder Error: Referenced column "nosuch" not found in FROM clause!\nCandidate bindings: "a"\n\nLINE 1: ..., a+5, a+6, a+7, a+8, a+9, a+10, a+11, a+12, a+13, a+14, a+15, nosuch, a+16, a+17, a+18, a+19, a+20, a+21, a+22 FROM x\n                                                                          ^';
    const pos = errorPosition(message, sql);
    expect(sql.slice(pos!.offset)).toMatch(/^nosuch/);
  });

  it('reads the first of a repeated mark, and text with accents', () => {
    const sql = "SELECT 'é' || nosuch FROM x";
    const pos = errorPosition('Binder Error: Referenced column "nosuch" not found in FROM clause!\n\nLINE 1: SELECT \'é\' || nosuch FROM x\n                      ^', sql);
    expect(sql.slice(pos!.offset)).toMatch(/^nosuch/);
    const parser = errorPosition('Parser Error: syntax error at or near "x"\n\nLINE 1: SELECT 1 FORM x\n                      ^\n\nLINE 1: SELECT 1 FORM x\n                      ^', 'SELECT 1 FORM x');
    expect(parser).toEqual({ line: 1, column: 15, offset: 14 });
  });

  it('says nothing when the message names no spot, or one the SQL does not have', () => {
    expect(errorPosition('Binder Error: Referenced column "nosuch" was not found because the FROM clause is missing', 'SELECT nosuch')).toBeNull();
    expect(errorPosition('Error\n\nLINE 4: SELECT x\n        ^', 'SELECT x')).toBeNull();
    expect(errorPosition('Error\n\nLINE 1: SELECT zzz\n        ^', 'SELECT x')).toBeNull();
  });
});

describe('lineAndColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('SELECT a,\n  b', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('SELECT a,\n  b', 12)).toEqual({ line: 2, column: 3 });
  });
});
