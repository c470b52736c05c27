import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { sampleDocument } from '../pack/sample-document.ts';
import { packToZip } from './pack-zip.ts';

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
    expect(readme.startsWith('OFFICIAL-SENSITIVE — NOT FOR ONWARD DISTRIBUTION')).toBe(true);
    expect(readme).toContain('SHA-256 b5b6f1c1');
    expect(readme).toContain('SELECT year, age_at_exploitation, sum(referrals)');
    expect(readme).toContain('[c]: Confidential');
  });

  it('says so, with the reason, when disclosure control was off', () => {
    const doc = { ...sampleDocument(), disclosure: { on: false, offReason: 'Internal working copy' } };
    const readme = strFromU8(unzipSync(packToZip(doc, new Map()))['README.txt']!);
    expect(readme).toContain('DISCLOSURE CONTROL WAS TURNED OFF FOR THIS EXPORT. Reason: Internal working copy');
    expect(readme).toContain('(no PNG could be drawn)');
  });
});
