import { describe, expect, it } from 'vitest';
import { parseNumber, detectNumberFormat } from './csv-numbers.ts';
import { MAX_COLUMNS, cleanHeaderNames, sniffCsv } from './csv-sniff.ts';
import { ImportError, type CsvPlan } from './types.ts';

const detected = (p: CsvPlan) => Object.fromEntries(p.detected.map((d) => [d.label, d.value]));
const errorOf = (f: () => unknown): ImportError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('sniffCsv: delimiters and quoting', () => {
  it('finds each delimiter, quote-aware', () => {
    for (const [d, name] of [
      [',', 'comma'],
      [';', 'semicolon'],
      ['\t', 'tab'],
      ['|', 'pipe'],
    ] as const) {
      const text = ['region', 'note', 'count'].join(d) + '\n' + ['North', `"a${d}b, c; d"`, '5'].join(d) + '\n' + ['South', 'x', '6'].join(d) + '\n';
      const plan = sniffCsv(text, 'a.csv');
      expect(plan.delimiter).toBe(d);
      expect(plan.columns).toEqual(['region', 'note', 'count']);
      expect(detected(plan).Delimiter).toBe(name);
      expect(plan.warnings).toEqual([]);
    }
  });

  it('reads decimal commas in a ;-separated file', () => {
    const plan = sniffCsv('Region;Rate;Total\nNorth;1,5;1.234,5\nSouth;2,25;12,0\n', 'a.csv');
    expect(plan).toMatchObject({ delimiter: ';', decimal: ',', thousands: '.', header: true });
    expect(detected(plan)).toMatchObject({ 'Decimal separator': 'comma (1,5)', 'Thousands separator': 'point (1.234)' });
  });

  it('reads quoted thousands in a comma file, and space-grouped numbers', () => {
    const plan = sniffCsv('area,people\nLeeds,"1,234"\nYork,"12,345,678"\nHull,12\n', 'a.csv');
    expect(plan).toMatchObject({ delimiter: ',', decimal: '.', thousands: ',' });
    const spaced = sniffCsv('area;people\nLeeds;1 234\nYork;12 345\n', 'a.csv');
    expect(spaced).toMatchObject({ delimiter: ';', thousands: ' ' });
  });

  it('detects backslash escapes and single quotes', () => {
    const back = sniffCsv('name,said\nBo,"he said \\"hi\\" twice"\nAl,"no"\n', 'a.csv');
    expect(back).toMatchObject({ quote: '"', escape: '\\' });
    const doubled = sniffCsv('name,said\nBo,"he said ""hi"" twice"\nAl,"no"\n', 'a.csv');
    expect(doubled).toMatchObject({ quote: '"', escape: '"' });
    const single = sniffCsv("name,place\n'Bo','York, UK'\n'Al','Hull, UK'\n", 'a.csv');
    expect(single).toMatchObject({ quote: "'", delimiter: ',', columns: ['name', 'place'] });
    expect(single.warnings).toEqual([]);
    const apostrophe = sniffCsv("town,count\n's-Hertogenbosch,5\n'Tis,6\nYork,7\n", 'a.csv');
    expect(apostrophe).toMatchObject({ quote: '"', columns: ['town', 'count'], warnings: [] });
  });

  it('takes a one-column file as it is', () => {
    const plan = sniffCsv('name\nAl\nBo\n', 'a.csv');
    expect(plan).toMatchObject({ delimiter: ',', header: true, columns: ['name'] });
  });
});

describe('sniffCsv: header and title lines', () => {
  it('tells a header row from data', () => {
    expect(sniffCsv('name,age\nAl,5\nBo,7\n', 'a.csv').header).toBe(true);
    const none = sniffCsv('North,5\nSouth,7\n', 'a.csv');
    expect(none).toMatchObject({ header: false, columns: ['column1', 'column2'] });
    expect(sniffCsv('1,2,3\n4,5,6\n', 'a.csv').header).toBe(false);
    expect(sniffCsv('region,2021,2022\nNorth,5,6\nSouth,7,8\n', 'a.csv').header).toBe(true);
    expect(sniffCsv('region,country\nLeeds,England\nCardiff,Wales\n', 'a.csv').header).toBe(true);
    expect(sniffCsv('date,value\n2023-03-31,5\n2023-04-30,7\n', 'a.csv').header).toBe(true);
  });

  it('takes the answer the analyst gives over the detected one, and says so', () => {
    const text = 'Leeds,England\nCardiff,Wales\nGlasgow,Scotland\n';
    expect(sniffCsv(text, 'a.csv').header).toBe(true); // all text, nothing repeats: looks like names
    const data = sniffCsv(text, 'a.csv', { header: false });
    expect(data).toMatchObject({ header: false, skipRows: 0, columns: ['column1', 'column2'] });
    expect(detected(data)['Header row']).toBe('no (as you chose)');
    const named = sniffCsv('North,5\nSouth,7\n', 'a.csv', { header: true });
    expect(named).toMatchObject({ header: true, columns: ['North', '5'] });
    expect(detected(named)['Header row']).toBe('yes (as you chose)');
  });

  it('skips a title and a blank line above the table (official statistics layout)', () => {
    const text = 'Table 1: Referrals by region, England and Wales\n\nregion,referrals\nNorth,5\nSouth,7\n';
    const plan = sniffCsv(text, 'a.csv');
    expect(plan).toMatchObject({ skipRows: 2, header: true, columns: ['region', 'referrals'] });
    expect(detected(plan)['Title lines skipped']).toBe('2');
  });

  it('skips an Excel-padded title and notes', () => {
    const text = 'Table 2,,\nSource: Home Office,,\n,,\nregion,male,female\nNorth,1,2\nSouth,3,4\n';
    expect(sniffCsv(text, 'a.csv')).toMatchObject({ skipRows: 3, columns: ['region', 'male', 'female'] });
    const noBlank = 'Table 2,,\nregion,male,female\nNorth,1,2\nSouth,3,4\n';
    expect(sniffCsv(noBlank, 'a.csv')).toMatchObject({ skipRows: 1, columns: ['region', 'male', 'female'] });
  });
});

describe('sniffCsv: awkward shapes', () => {
  it('keeps a header shorter than rows that all end with a delimiter', () => {
    const plan = sniffCsv('a,b\n1,2,\n3,4,\n', 'a.csv');
    expect(plan).toMatchObject({ skipRows: 0, header: true, columns: ['a', 'b', ''] });
    expect(plan.warnings).toEqual([{ kind: 'blank-header', count: 1, examples: ['column 3'] }]);
  });

  it('plans a file whose first line is longer than the sniffing sample', () => {
    const header = Array.from({ length: 30_000 }, (_, i) => `a_long_column_name_${i}_end`).join(',');
    const text = `${header}\n${Array.from({ length: 30_000 }, (_, i) => i).join(',')}\n`;
    expect(sniffCsv(text, 'wide.csv', { maxColumns: 50_000 }).columns).toHaveLength(30_000);
    const cut = sniffCsv(header.slice(0, 100_000), 'wide.csv', { complete: false });
    expect(cut).toMatchObject({ delimiter: ',', header: true });
    expect(cut.columns[0]).toBe('a_long_column_name_0_end');
  });

  it('reads old Mac line ends (CR only)', () => {
    expect(sniffCsv('a;b\r1;2\r3;4\r', 'a.csv')).toMatchObject({ delimiter: ';', header: true, columns: ['a', 'b'], warnings: [] });
  });

  it('prefers the delimiter that splits every line alike over one inside free text', () => {
    expect(sniffCsv('name\tnote\nAl\tx, y, z\nBo\tp, q\n', 'a.tsv').delimiter).toBe('\t');
    expect(sniffCsv('id;text\n1;a, b\n2;c\n', 'a.csv').delimiter).toBe(';');
  });
});

describe('sniffCsv: warnings', () => {
  it('counts ragged rows with their row numbers', () => {
    const plan = sniffCsv('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n', 'a.csv');
    expect(plan.warnings).toEqual([
      { kind: 'ragged-rows', count: 2, examples: ['row 3: 2 fields, expected 3', 'row 4: 4 fields, expected 3'] },
    ]);
  });

  it('names blank and repeated headers the shared way', () => {
    const plan = sniffCsv('name,,count,Count\nAl,x,1,2\n', 'a.csv');
    expect(plan.columns).toEqual(['name', '', 'count', 'Count']);
    expect(plan.warnings).toEqual([
      { kind: 'blank-header', count: 1, examples: ['column 2'] },
      { kind: 'duplicate-header', count: 1, examples: ['Count (2)'] },
    ]);
  });

  it('says when counts cover only the sample', () => {
    const plan = sniffCsv('a,b\n1,2\n3\n4,5\n6,', 'big.csv', { complete: false });
    expect(plan.warnings).toEqual([{ kind: 'ragged-rows', count: 1, examples: ['row 3: 1 field, expected 2'], sampledRows: 4 }]);
  });

  it('warns of mixed line endings', () => {
    const plan = sniffCsv('a,b\r\n1,2\r\n3,4\n5,6\r\n7,8\n', 'a.csv');
    expect(plan.warnings).toEqual([{ kind: 'line-endings', count: 2, examples: ['row 3: Unix (LF)', 'row 5: Unix (LF)'] }]);
  });

  it('reports the encoding and compression it was told', () => {
    const plan = sniffCsv('a,b\n1,2\n', 'a.csv.gz', { encoding: 'windows-1252', gzip: true });
    expect(plan).toMatchObject({ encoding: 'windows-1252', gzip: true });
    expect(detected(plan)).toEqual({
      Encoding: 'Windows-1252',
      Delimiter: 'comma',
      Quote: 'double quote (")',
      'Header row': 'yes',
      'Decimal separator': 'point (1.5)',
      'Thousands separator': 'none',
      'Title lines skipped': '0',
      Compression: 'gzip',
    });
  });
});

describe('sniffCsv: bad files', () => {
  it('refuses each with the right kind', () => {
    expect(errorOf(() => sniffCsv('', 'a.csv')).kind).toBe('empty');
    expect(errorOf(() => sniffCsv('\uFEFF  \r\n\r\n', 'a.csv')).kind).toBe('empty');
    expect(errorOf(() => sniffCsv('name,age\n', 'a.csv')).kind).toBe('header-only');
    const open = errorOf(() => sniffCsv('a,b\n1,2\n3,"oops\n5,6\n', 'a.csv'));
    expect(open.kind).toBe('unterminated-quote');
    expect(open.at.row).toBe(3);
    const long = errorOf(() => sniffCsv(`a,b\n1,${'x'.repeat(2000)}\n`, 'a.csv', { maxLineChars: 1000 }));
    expect(long).toMatchObject({ kind: 'line-too-long', at: { row: 2, limit: '1000 bytes' } });
  });

  it('does not call an open quote at the end of a partial sample an error', () => {
    const plan = sniffCsv('a,b\n1,2\n3,"long text that goes on', 'a.csv', { complete: false });
    expect(plan.columns).toEqual(['a', 'b']);
    expect(plan.warnings).toEqual([]);
  });

  it('imports 5,000 columns and refuses more than the named limit', () => {
    const wide = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',') + '\n' + Array.from({ length: n }, (_, i) => i).join(',') + '\n';
    expect(sniffCsv(wide(5000), 'wide.csv').columns).toHaveLength(5000);
    const e = errorOf(() => sniffCsv(wide(MAX_COLUMNS + 1), 'wide.csv'));
    expect(e).toMatchObject({ kind: 'too-many-columns', at: { limit: '16,384', detail: '16,385' } });
  });
});

describe('cleanHeaderNames', () => {
  it('makes up names for blanks and repeats, never colliding', () => {
    const { names, warnings } = cleanHeaderNames([' id ', '', 'count', 'count', 'column 2', 'COUNT', 'count (2)']);
    expect(names).toEqual(['id', 'column 2', 'count', 'count (3)', 'column 2 (2)', 'COUNT (4)', 'count (2)']);
    expect(warnings.map((w) => [w.kind, w.count])).toEqual([
      ['blank-header', 1],
      ['duplicate-header', 3],
    ]);
    expect(cleanHeaderNames(['a', 'b'])).toEqual({ names: ['a', 'b'], warnings: [] });
  });
});

describe('number formats', () => {
  it('parses numbers exactly under each format', () => {
    expect(parseNumber('1.234,5', { decimal: ',', thousands: '.' })).toBe(1234.5);
    expect(parseNumber('1,234.5', { decimal: '.', thousands: ',' })).toBe(1234.5);
    expect(parseNumber('1\u00a0234', { decimal: '.', thousands: ' ' })).toBe(1234);
    expect(parseNumber('-0,25', { decimal: ',', thousands: null })).toBe(-0.25);
    expect(parseNumber('12,34', { decimal: '.', thousands: ',' })).toBeNull();
    expect(parseNumber('n/a', { decimal: '.', thousands: null })).toBeNull();
    expect(parseNumber('1e3', { decimal: '.', thousands: null })).toBe(1000);
  });

  it('reads "1,234" as a thousand in comma files and a decimal in ;-separated ones', () => {
    expect(detectNumberFormat(['1,234'], ',')).toEqual({ decimal: '.', thousands: ',' });
    expect(detectNumberFormat(['1,234'], ';')).toEqual({ decimal: ',', thousands: null });
  });
});
