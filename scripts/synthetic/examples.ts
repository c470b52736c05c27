// Scripts: the two synthetic extracts as an analyst would receive them, for trying the import feature (not loaded as
// built-in data). Cases: a Windows-1252 CSV with CRLF line ends and UK dates, as Excel on Windows saves it, with
// names outside ASCII ("Côte d’Ivoire": ’ is byte 0x92). Crime groups: an XLSX with a title row above the header
// and a Notes sheet. exceljs stamps the zip entries with the time of writing, so the package is re-zipped with a
// fixed time: the same seed gives the same bytes.
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Case } from './cases.ts';
import { encodeCp1252, toCsv } from './csv.ts';
import { ukDate } from './dates.ts';
import type { Ocg } from './ocg.ts';
import { COUNTRY_OF } from './people.ts';

export const SYNTHETIC_NOTE = 'Contains synthetic data — not official statistics';

/** Fixed time stamp of the example workbook and of every entry of its zip. */
const FIXED_TIME = new Date(Date.UTC(2024, 0, 31, 12, 0, 0));

const CASE_COLUMNS = [
  'Case ref', 'Date referred', 'Age group', 'Location of exploitation', 'Gender', 'Country of nationality',
  'Exploitation type', 'First responder type', 'First responder', 'Police force', 'RG decision', 'RG date',
  'CG decision', 'CG date', 'OCG ref',
];

/** The cases of 2023 Q4 as a caseworking system's Excel export (Windows-1252, CRLF). */
export function exampleCaseCsv(cases: Case[]): Uint8Array {
  const rows = cases
    .filter((c) => c.year === 2023 && c.quarter === 'Q4')
    .map((c) => [
      c.reference, ukDate(c.day), c.age, c.location, c.gender, COUNTRY_OF[c.nationality] ?? c.nationality, c.exploitation,
      c.responderType, c.responder, c.force ?? '', c.decisions.rg, c.decisions.rgDay === null ? '' : ukDate(c.decisions.rgDay),
      c.decisions.cg, c.decisions.cgDay === null ? '' : ukDate(c.decisions.cgDay), c.ocg ?? '',
    ]);
  return encodeCp1252(toCsv([CASE_COLUMNS, ...rows], '\r\n'));
}

export const OCG_COLUMNS_FOR_TEST = ['Group ref', 'Lead nationality', 'Exploitation', 'Region', 'Size band', 'Status', 'First mapped', 'Closed'];

export const OCG_TITLE = `Organised crime group mapping extract as at 31 December 2023 — SYNTHETIC: ${SYNTHETIC_NOTE}`;

export const OCG_NOTES = [
  `${SYNTHETIC_NOTE}. Every group in this workbook is invented by scripts/make-synthetic.ts; none is a real group.`,
  'Built to match the first IDMG report (18 October 2012): 92 organised crime groups active in 2012, the largest number led by Romanian nationals.',
  'A group is active in a year when it was first mapped on or before 31 December and not closed before 1 January of that year.',
  'Closed groups are Dismantled or Archived; open groups are Active or Disrupted.',
  'The same groups are the built-in table synthetic_ocg_groups.',
];

const dayToDate = (day: number) => new Date(day * 86_400_000);

/** The crime-group extract as an XLSX: title row, header on row 2, a Notes sheet; deterministic bytes. */
export async function exampleOcgXlsx(groups: Ocg[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'IDMG workbench (synthetic data generator)';
  wb.lastModifiedBy = 'IDMG workbench (synthetic data generator)';
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const sheet = wb.addWorksheet('OCG extract');
  sheet.addRow([OCG_TITLE]).font = { bold: true, size: 14 };
  sheet.addRow(OCG_COLUMNS_FOR_TEST).font = { bold: true };
  for (const g of groups) {
    sheet.addRow([g.reference, g.leadNationality, g.exploitationTypes, g.region, g.sizeBand, g.status, dayToDate(g.firstMapped), g.closed === null ? null : dayToDate(g.closed)]);
  }
  sheet.getColumn(7).numFmt = 'dd/mm/yyyy';
  sheet.getColumn(8).numFmt = 'dd/mm/yyyy';
  [16, 16, 22, 18, 14, 12, 13, 13].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Notes']).font = { bold: true, size: 14 };
  OCG_NOTES.forEach((n, i) => notes.addRow([`${i + 1}. ${n}`]));
  notes.getColumn(1).width = 120;
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  const entries = unzipSync(written);
  const fixed: Zippable = {};
  // Zip times are local (DOS) times: a date whose local fields are the fixed time gives the same bytes in every zone.
  const mtime = new Date(2024, 0, 31, 12, 0, 0);
  for (const name of Object.keys(entries)) fixed[name] = [entries[name]!, { mtime, level: 6 }];
  return zipSync(fixed);
}
