// Scripts: everything make-synthetic.ts writes, as bytes, from the published quarterly series and the seed — no
// file is written here, so tests can check that a second run gives exactly the committed files.
import { createHash } from 'node:crypto';
import { caseRow, CASE_HEADER, generateCases, type QuarterCell } from './cases.ts';
import { toCsv } from './csv.ts';
import { exampleCaseCsv, exampleOcgXlsx } from './examples.ts';
import { CASES_ENTRY, OCG_ENTRY, SEED } from './manifest-entries.ts';
import { generateOcgs, OCG_HEADER, ocgRow } from './ocg.ts';
import { mulberry32 } from './prng.ts';
import type { DatasetDef } from '../../renderer/lib/engine/manifest.ts';

/** Parses datasets/nrm_referrals_quarterly.csv (plain fields, no quoting). */
export function parseQuarterly(text: string): QuarterCell[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  if (header !== 'year,quarter,age_at_exploitation,location_of_exploitation,referrals') throw new Error(`Unexpected header: ${header}`);
  return lines.map((l) => {
    const [year, quarter, age, location, referrals] = l.split(',');
    return { year: Number(year), quarter: quarter!, age: age!, location: location!, referrals: Number(referrals) };
  });
}

export interface Generated {
  /** Path under datasets/ → bytes. */
  files: Map<string, Uint8Array>;
  entries: DatasetDef[];
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function generate(quarterlyCsv: string): Promise<Generated> {
  const ocgs = generateOcgs(mulberry32(SEED));
  const cases = generateCases(mulberry32(SEED + 1), parseQuarterly(quarterlyCsv), ocgs);
  const enc = new TextEncoder();
  const casesCsv = enc.encode(toCsv([CASE_HEADER, ...cases.map(caseRow)]));
  const ocgCsv = enc.encode(toCsv([OCG_HEADER, ...ocgs.map(ocgRow)]));
  const files = new Map<string, Uint8Array>([
    [CASES_ENTRY.file, casesCsv],
    [OCG_ENTRY.file, ocgCsv],
    ['examples/synthetic_nrm_cases_2023q4_windows1252.csv', exampleCaseCsv(cases)],
    ['examples/synthetic_ocg_extract.xlsx', await exampleOcgXlsx(ocgs)],
  ]);
  const entries: DatasetDef[] = [
    { ...CASES_ENTRY, rows: cases.length, sha256: sha256(casesCsv) },
    { ...OCG_ENTRY, rows: ocgs.length, sha256: sha256(ocgCsv) },
  ];
  return { files, entries };
}
