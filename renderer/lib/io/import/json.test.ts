import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, readJson } from './json.ts';
import { ImportError } from './types.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const errorOf = (f: () => unknown): ImportError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('readJson: tables', () => {
  it('reads an array of records with the union of keys in first-seen order', () => {
    const t = readJson(bytes('[{"region":"North","cases":5,"open":true},{"cases":7.25,"region":"South","note":null},{"extra":"x"}]'), 'cases.json');
    expect(t.name).toBe('cases');
    expect(t.header).toEqual(['region', 'cases', 'open', 'note', 'extra']);
    expect(t.rows).toEqual([
      ['North', 5, true, null, null],
      ['South', 7.25, null, null, null],
      [null, null, null, null, 'x'],
    ]);
    expect(t.warnings).toEqual([]);
    expect(t.detected).toEqual([
      { label: 'Format', value: 'JSON array of records' },
      { label: 'Encoding', value: 'UTF-8' },
    ]);
  });

  it('reads NDJSON, blank lines and a BOM included', () => {
    const t = readJson(bytes('\uFEFF{"a":1,"b":"é"}\n\n{"a":2}\r\n{"b":"x","a":-3.5e2}\n'), 'log.ndjson');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      [1, 'é'],
      [2, null],
      [-350, 'x'],
    ]);
    expect(t.detected[0]).toEqual({ label: 'Format', value: 'NDJSON (one record per line)' });
    expect(t.name).toBe('log');
  });

  it('keeps nested values as JSON text with a warning per column', () => {
    const t = readJson(bytes('[{"id":1,"tags":["a","b"],"geo":{"lat":51.5}},{"id":2,"tags":[]}]'), 'n.json');
    expect(t.rows).toEqual([
      [1, '["a","b"]', '{"lat":51.5}'],
      [2, '[]', null],
    ]);
    expect(t.warnings).toEqual([
      { kind: 'nested-values', count: 2, examples: ['row 1: ["a","b"]', 'row 2: []'], column: 'tags' },
      { kind: 'nested-values', count: 1, examples: ['row 1: {"lat":51.5}'], column: 'geo' },
    ]);
  });

  it('keeps whole numbers beyond 2^53 exact, as text', () => {
    const t = readJson(bytes('[{"id":12345678901234567890,"n":9007199254740991,"neg":-98765432109876543210,"s":"12345678901234567890"}]'), 'big.json');
    expect(t.rows).toEqual([['12345678901234567890', 9007199254740991, '-98765432109876543210', '12345678901234567890']]);
    expect(t.detected.at(-1)).toEqual({ label: 'Numbers too large to hold exactly', value: '2 kept as text' });
  });

  it('names a blank key the shared way', () => {
    const t = readJson(bytes('[{"":1,"a":2}]'), 'k.json');
    expect(t.header).toEqual(['', 'a']);
    expect(t.warnings).toEqual([{ kind: 'blank-header', count: 1, examples: ['column 1'] }]);
  });

  it('reads UTF-16 JSON with a BOM', () => {
    const s = '\uFEFF[{"name":"Zoë"}]';
    const b = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) [b[2 * i], b[2 * i + 1]] = [s.charCodeAt(i) & 0xff, s.charCodeAt(i) >> 8];
    expect(readJson(b, 'u.json').rows).toEqual([['Zoë']]);
  });
});

describe('readJson: bad files', () => {
  it('gives each bad input the right kind', () => {
    const cases: [string, string][] = [
      ['', 'empty'],
      ['   \n ', 'empty'],
      ['[]', 'empty'],
      ['{"a":1}', 'not-a-table'],
      ['42', 'not-a-table'],
      ['"text"', 'not-a-table'],
      ['[1,2,3]', 'not-a-table'],
      ['[[1,2],[3,4]]', 'not-a-table'],
      ['[{"a":1},2]', 'not-a-table'],
      ['{"a":1}\n5\n', 'not-a-table'],
      ['[{"a":1},{"b":', 'corrupt'],
      ['[{"a":1}', 'corrupt'],
      ['{"a":1}\n{"b":}\n', 'corrupt'],
      ['hello world', 'corrupt'],
      [`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, 'too-deep'],
      [`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'too-deep'],
      [`[{"a":${'{"b":'.repeat(70)}1${'}'.repeat(70)}}]`, 'too-deep'],
    ];
    for (const [text, kind] of cases) expect([text.slice(0, 30), errorOf(() => readJson(bytes(text), 'x.json')).kind]).toEqual([text.slice(0, 30), kind]);
    expect(errorOf(() => readJson(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'x.json')).kind).toBe('binary');
  });

  it('says where: the row and column of a parse error, the line of a bad NDJSON record', () => {
    expect(errorOf(() => readJson(bytes('[\n  {"a": 1},\n  {"a" 2}\n]'), 'x.json')).at).toMatchObject({ row: 3, column: 8 });
    expect(errorOf(() => readJson(bytes('{"a":1}\n{"a":2}\n{"a":3,}\n'), 'x.ndjson')).at.row).toBe(3);
    expect(errorOf(() => readJson(bytes('{"a":1}\n"x"\n'), 'x.ndjson')).at).toMatchObject({ row: 2, detail: 'text' });
    expect(errorOf(() => readJson(bytes('[1,2]'), 'x.json')).at).toEqual({ detail: 'an array of numbers' });
    expect(errorOf(() => readJson(bytes('{"a":1}'), 'x.json')).at).toMatchObject({ detail: 'a single object' });
  });

  it('allows nesting up to the limit', () => {
    const deep = `[{"a":${'['.repeat(MAX_JSON_DEPTH - 2)}1${']'.repeat(MAX_JSON_DEPTH - 2)}}]`;
    expect(readJson(bytes(deep), 'd.json').rows[0]![0]).toBe(`${'['.repeat(MAX_JSON_DEPTH - 2)}1${']'.repeat(MAX_JSON_DEPTH - 2)}`);
  });
});
