import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { DocTable } from '../pack/document.ts';
import { sampleDocument } from '../pack/sample-document.ts';
import { packToZip } from './pack-zip.ts';

const BOM = [0xef, 0xbb, 0xbf];
const text = (bytes: Uint8Array): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('packToZip', () => {
  it('holds every table as CSV, every figure as SVG and PNG, and a README with marking and provenance', () => {
    const doc = sampleDocument(3);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47]);
    const files = unzipSync(packToZip(doc, new Map([[1, png]])));
    expect(Object.keys(files).sort()).toEqual(['Figure_1.png', 'Figure_1.svg', 'README.txt', 'Table_1.csv', 'Table_2.csv', 'Table_3.csv']);
    expect(strFromU8(files['Table_2.csv']!)).toContain('2011,642,294,[c],936');
    expect(strFromU8(files['Figure_1.svg']!)).toMatch(/^<svg/);
    expect(files['Figure_1.png']).toEqual(png);
    const readme = strFromU8(files['README.txt']!);
    expect(readme.startsWith('OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION')).toBe(true);
    expect(readme).toContain('SHA-256 b5b6f1c1');
    expect(readme).toContain('SELECT year, age_at_exploitation, sum(referrals)');
    expect(readme).toContain('[c]: Confidential');
  });

  it('writes each CSV as UTF-8 with a byte order mark, the marking on its first line, and says so in the README', () => {
    const files = unzipSync(packToZip(sampleDocument(2), new Map()));
    for (const name of ['Table_1.csv', 'Table_2.csv']) {
      const bytes = files[name]!;
      expect([...bytes.slice(0, 3)], name).toEqual(BOM);
      const lines = text(bytes).split('\r\n');
      expect(lines[0], name).toBe('\uFEFFOFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION');
      expect(lines[1], name).toMatch(/^Year,Adult \(18 or over\)/);
    }
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain('Each CSV file starts with the protective marking (OFFICIAL-SENSITIVE – NOT FOR ONWARD DISTRIBUTION) on a line of its own');
    expect(readme).toContain('UTF-8 text with a byte order mark');
  });

  it('starts an unmarked pack\'s CSV with its header row', () => {
    const doc = sampleDocument();
    Object.assign(doc.meta, { marking: null, caveat: '' });
    const csv = text(unzipSync(packToZip(doc, new Map()))['Table_1.csv']!);
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFYear,Adult/);
  });

  it('neutralises formulas in the CSV it writes and keeps negative figures as numbers', () => {
    const doc = sampleDocument();
    const table = doc.items.find((i): i is DocTable => i.kind === 'table')!;
    table.rows = [
      { kind: 'item', depth: 1, cells: [{ value: '=HYPERLINK("http://x","y")', status: null }, { value: -3, status: null }, { value: '+SUM(1,2)', status: null }, { value: '@SUM(1)', status: null }, { value: 0, status: null }] },
    ];
    const lines = text(unzipSync(packToZip(doc, new Map()))['Table_1.csv']!).split('\r\n');
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://x"",""y"")",-3,"'+SUM(1,2)","'@SUM(1)",0`);
  });

  it('says so, with the reason, when disclosure control was off', () => {
    const doc = { ...sampleDocument(), disclosure: { on: false, offReason: 'Internal working copy' } };
    const readme = strFromU8(unzipSync(packToZip(doc, new Map()))['README.txt']!);
    expect(readme).toContain('DISCLOSURE CONTROL WAS TURNED OFF FOR THIS EXPORT. Reason: Internal working copy');
    expect(readme).toContain('(no PNG could be drawn)');
  });
});
