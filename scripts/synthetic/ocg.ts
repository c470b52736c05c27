// Scripts, pure: the synthetic organised crime group (OCG) mapping extract. The first IDMG report (18 October 2012)
// states 92 organised crime groups known to be involved in human trafficking in 2012, the largest number from
// Romania; the extract has exactly 92 groups active in 2012 with Romanian the largest lead nationality, and a
// history around them (groups mapped and closed 2009–2023). Nothing else about real groups is public.
import { dayOf, isoDate } from './dates.ts';
import { REGIONS } from './places.ts';
import { intBetween, pickWeighted, shuffle, weightsForYear, type Rng } from './prng.ts';

/** The extract is as at this day: groups not closed by then are still open. */
export const EXTRACT_DAY = dayOf(2023, 12, 31);

/** "Active in year Y": first mapped on or before 31 December Y and not closed before 1 January Y. */
export function activeInYear(g: { firstMapped: number; closed: number | null }, year: number): boolean {
  return g.firstMapped <= dayOf(year, 12, 31) && (g.closed === null || g.closed >= dayOf(year, 1, 1));
}

/** Lead nationalities of the 92 groups active in 2012 (Romanian largest, as the release says). */
export const LEAD_2012: [string, number][] = [
  ['Romanian', 24], ['UK', 14], ['Nigerian', 10], ['Chinese', 9], ['Vietnamese', 8], ['Albanian', 7],
  ['Slovak', 6], ['Czech', 5], ['Lithuanian', 4], ['Polish', 3], ['Hungarian', 2],
];

const LATER_ANCHORS = [2013, 2018, 2023];
const LATER_LEADS: [string, number, number, number][] = [
  ['Romanian', 20, 15, 12], ['UK', 18, 25, 28], ['Albanian', 10, 20, 25], ['Vietnamese', 8, 10, 8],
  ['Chinese', 8, 6, 5], ['Nigerian', 8, 5, 3], ['Slovak', 5, 3, 2], ['Czech', 3, 2, 1], ['Lithuanian', 5, 4, 3],
  ['Polish', 6, 4, 2], ['Hungarian', 4, 4, 3], ['Bulgarian', 2, 3, 3], ['Pakistani', 2, 3, 3], ['Eritrean', 1, 2, 3],
  ['Iraqi', 1, 2, 3], ['Sudanese', 0, 1, 2],
];

const TYPE_ANCHORS = [2010, 2016, 2023];
const GROUP_TYPES: [string, number, number, number][] = [
  ['Sexual', 45, 30, 18], ['Labour', 25, 25, 22], ['Sexual & Labour', 12, 12, 8], ['Criminal', 5, 15, 30],
  ['Labour & Criminal', 3, 8, 12], ['Domestic', 5, 3, 2], ['Sexual & Criminal', 2, 4, 6], ['Labour & Domestic', 3, 3, 2],
];

const SIZE_BANDS: [string, number][] = [['2 to 5', 30], ['6 to 10', 35], ['11 to 20', 20], ['21 to 50', 12], ['More than 50', 3]];

/** Groups first mapped per year after 2012. */
const MAPPED_PER_YEAR: Record<number, number> = {
  2013: 30, 2014: 32, 2015: 34, 2016: 36, 2017: 38, 2018: 40, 2019: 38, 2020: 34, 2021: 36, 2022: 40, 2023: 42,
};

export interface Ocg {
  reference: string;
  leadNationality: string;
  exploitationTypes: string;
  region: string;
  sizeBand: string;
  status: string;
  firstMapped: number;
  closed: number | null;
}

const pick = <T extends [string, ...number[]]>(rng: Rng, rows: T[], anchors: number[], year: number) =>
  pickWeighted(rng, rows.map((r) => r[0]), weightsForYear(anchors, rows.map((r) => r.slice(1) as number[]), year));

function region(rng: Rng, year: number): string {
  const t = Math.min(1, Math.max(0, (year - 2011) / 12));
  return pickWeighted(rng, REGIONS.map((r) => r.name), REGIONS.map((r) => r.w2011 * (1 - t) + r.w2023 * t));
}

function draft(rng: Rng, lead: string, firstMapped: number, closed: number | null): Omit<Ocg, 'reference' | 'status'> {
  const year = Number(isoDate(firstMapped).slice(0, 4));
  return {
    leadNationality: lead,
    exploitationTypes: pick(rng, GROUP_TYPES, TYPE_ANCHORS, year),
    region: region(rng, year),
    sizeBand: pickWeighted(rng, SIZE_BANDS.map((s) => s[0]), SIZE_BANDS.map((s) => s[1])),
    firstMapped,
    closed: closed !== null && closed > EXTRACT_DAY ? null : closed,
  };
}

export function generateOcgs(rng: Rng): Ocg[] {
  const start = dayOf(2009, 4, 1);
  const y2012 = dayOf(2012, 1, 1);
  const end2012 = dayOf(2012, 12, 31);
  const drafts: Omit<Ocg, 'reference' | 'status'>[] = [];
  // The 92 groups active in 2012.
  const leads = shuffle(rng, LEAD_2012.flatMap(([n, c]) => Array<string>(c).fill(n)));
  for (const lead of leads) {
    const mapped = intBetween(rng, start, end2012 - 30);
    const earliestClose = Math.max(y2012, mapped + 60);
    const r = rng();
    const closed = r < 0.1 ? null : r < 0.3 ? intBetween(rng, earliestClose, Math.max(earliestClose, end2012 + 200)) : intBetween(rng, earliestClose + 365, dayOf(2021, 12, 31));
    drafts.push(draft(rng, lead, mapped, closed));
  }
  // Groups mapped and closed before 2012 (not counted among 2012's 92).
  for (let i = 0; i < 18; i++) {
    const mapped = intBetween(rng, start, dayOf(2011, 6, 30));
    drafts.push(draft(rng, pick(rng, LATER_LEADS, LATER_ANCHORS, 2009), mapped, intBetween(rng, mapped + 90, y2012 - 1)));
  }
  // Groups first mapped from 2013 to 2023.
  for (const [y, n] of Object.entries(MAPPED_PER_YEAR)) {
    const year = Number(y);
    for (let i = 0; i < n; i++) {
      const mapped = intBetween(rng, dayOf(year, 1, 1), dayOf(year, 12, 31));
      const closed = rng() < 0.15 ? null : mapped + intBetween(rng, 200, 2200);
      drafts.push(draft(rng, pick(rng, LATER_LEADS, LATER_ANCHORS, year), mapped, closed));
    }
  }
  drafts.sort((a, b) => a.firstMapped - b.firstMapped);
  const seqByYear = new Map<string, number>();
  return drafts.map((d) => {
    const year = isoDate(d.firstMapped).slice(0, 4);
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const status = d.closed === null ? (rng() < 0.6 ? 'Active' : 'Disrupted') : rng() < 0.55 ? 'Dismantled' : 'Archived';
    return { ...d, reference: `SYN-OCG-${year}-${String(seq).padStart(3, '0')}`, status };
  });
}

export const OCG_HEADER = ['group_reference', 'lead_nationality', 'exploitation_types', 'region', 'size_band', 'status', 'date_first_mapped', 'date_closed'];

export function ocgRow(g: Ocg): string[] {
  return [g.reference, g.leadNationality, g.exploitationTypes, g.region, g.sizeBand, g.status, isoDate(g.firstMapped), g.closed === null ? '' : isoDate(g.closed)];
}
