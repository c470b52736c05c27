// Scripts, pure: the synthetic case-level NRM referrals — one record per referral, built from the published
// quarterly series so that counts by quarter × age × location of exploitation equal it exactly, with the other
// fields drawn from mixes shaped like published NRM statistics (see people.ts, places.ts, responders.ts).
import { decide, type Decisions } from './decisions.ts';
import { isoDate, quarterDays } from './dates.ts';
import { type Ocg } from './ocg.ts';
import { exploitationBias, EXPLOITATION, EXPLOITATION_ANCHORS, femaleShare, kindsOf, NAT_ANCHORS, NATIONALITIES, TOP3_2011 } from './people.ts';
import { FORCE_REGION, NOT_RECORDED, NOT_RECORDED_W2011, NOT_RECORDED_W2023, REGIONS, type Nation } from './places.ts';
import { firstResponder } from './responders.ts';
import { apportionLabels, intBetween, pickWeighted, weightsForYear, type Rng } from './prng.ts';

export interface QuarterCell {
  year: number;
  quarter: string;
  age: string;
  location: string;
  referrals: number;
}

export interface Case {
  reference: string;
  day: number;
  year: number;
  quarter: string;
  age: string;
  location: string;
  gender: string;
  nationality: string;
  exploitation: string;
  responderType: string;
  responder: string;
  force: string | null;
  region: string;
  decisions: Decisions;
  ocg: string | null;
}

const CHILD = 'Child (17 or under)';

function regionWeights(year: number): number[] {
  const t = Math.min(1, Math.max(0, (year - 2011) / 12));
  return [...REGIONS.map((r) => r.w2011 * (1 - t) + r.w2023 * t), NOT_RECORDED_W2011 * (1 - t) + NOT_RECORDED_W2023 * t];
}

const NAT_NAMES = NATIONALITIES.map((n) => n[0]);
const CHILD_NAT_BIAS: Record<string, number> = { UK: 1.6, Vietnamese: 1.4, Albanian: 1.2, Eritrean: 1.3, Sudanese: 1.3, Afghan: 1.5 };

function nationalityWeights(year: number, nation: string, child: boolean): number[] {
  const base = weightsForYear(NAT_ANCHORS, NATIONALITIES.map((n) => n.slice(1) as number[]), year);
  const top3 = TOP3_2011[nation];
  if (year === 2011 && top3) {
    // The release's ranking for the nation, then everyone else well below its third place.
    const shares = nation === 'England' ? [0.16, 0.12, 0.1] : nation === 'Wales' ? [0.18, 0.13, 0.1] : nation === 'Scotland' ? [0.22, 0.16, 0.12] : [0.3, 0.2, 0.15];
    const restTotal = base.reduce((s, w, i) => s + (top3.includes(NAT_NAMES[i]!) ? 0 : w), 0);
    const rest = 1 - shares.reduce((s, x) => s + x, 0);
    return base.map((w, i) => {
      const k = top3.indexOf(NAT_NAMES[i]!);
      return k >= 0 ? shares[k]! : Math.min((w / restTotal) * rest, shares[2]! * 0.55);
    });
  }
  return child ? base.map((w, i) => w * (CHILD_NAT_BIAS[NAT_NAMES[i]!] ?? 1)) : base;
}

interface Draft extends Omit<Case, 'reference' | 'nationality' | 'exploitation' | 'gender' | 'responderType' | 'responder' | 'decisions' | 'ocg'> {
  index: number;
  nation: Nation | null;
}

/** Region and force for every case of the year, in the year's region mix exactly. */
function placeYear(rng: Rng, year: number, drafts: Draft[]): void {
  const names = [...REGIONS.map((r) => r.name), NOT_RECORDED];
  const labels = apportionLabels(rng, drafts.length, names, regionWeights(year));
  drafts.forEach((d, i) => {
    const region = REGIONS.find((r) => r.name === labels[i]);
    d.region = labels[i]!;
    d.force = region ? pickWeighted(rng, region.forces.map((f) => f[0]), region.forces.map((f) => f[1])) : null;
    d.nation = region ? FORCE_REGION.get(d.force!)!.nation : null;
  });
}

/** Nationality for every case of the year, apportioned within each nation (and age group) so rankings hold. */
function nationalitiesForYear(rng: Rng, year: number, drafts: Draft[]): string[] {
  const out = new Array<string>(drafts.length);
  const groups = new Map<string, number[]>();
  drafts.forEach((d, i) => {
    const key = `${d.nation ?? 'England'}|${year !== 2011 && d.age === CHILD ? 'child' : 'other'}`;
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  });
  for (const [key, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [nation, ageGroup] = key.split('|') as [string, string];
    const labels = apportionLabels(rng, members.length, NAT_NAMES, nationalityWeights(year, nation, ageGroup === 'child'));
    members.forEach((m, k) => (out[m] = labels[k]!));
  }
  return out;
}

function linkOcg(rng: Rng, c: Omit<Case, 'ocg' | 'reference'>, byRegion: Map<string, Ocg[]>): string | null {
  const active = (byRegion.get(c.region) ?? []).filter((g) => g.firstMapped <= c.day && (g.closed === null || g.closed >= c.day));
  const kinds = kindsOf(c.exploitation);
  const sameKind = active.filter((g) => kindsOf(g.exploitationTypes).some((k) => kinds.includes(k)));
  const best = sameKind.filter((g) => g.leadNationality === c.nationality);
  if (best.length > 0 && rng() < 0.1) return best[Math.floor(rng() * best.length)]!.reference;
  if (sameKind.length > 0 && rng() < 0.004) return sameKind[Math.floor(rng() * sameKind.length)]!.reference;
  return null;
}

export function generateCases(rng: Rng, cells: QuarterCell[], ocgs: Ocg[]): Case[] {
  const byYear = new Map<number, Draft[]>();
  let index = 0;
  for (const cell of cells) {
    const [first, last] = quarterDays(cell.year, cell.quarter);
    for (let k = 0; k < cell.referrals; k++) {
      const d: Draft = { index: index++, day: intBetween(rng, first, last), year: cell.year, quarter: cell.quarter, age: cell.age, location: cell.location, force: null, region: '', nation: null };
      const list = byYear.get(cell.year) ?? [];
      list.push(d);
      byYear.set(cell.year, list);
    }
  }
  const byRegion = new Map<string, Ocg[]>();
  for (const g of ocgs) byRegion.set(g.region, [...(byRegion.get(g.region) ?? []), g]);
  const exploitationNames = EXPLOITATION.map((e) => e[0]);
  const cases: Omit<Case, 'reference'>[] = [];
  for (const [year, drafts] of byYear) {
    placeYear(rng, year, drafts);
    const nationalities = nationalitiesForYear(rng, year, drafts);
    const baseExploitation = weightsForYear(EXPLOITATION_ANCHORS, EXPLOITATION.map((e) => e.slice(1) as number[]), year);
    drafts.forEach((d, i) => {
      const child = d.age === CHILD;
      const nationality = nationalities[i]!;
      const exploitation = pickWeighted(rng, exploitationNames, baseExploitation.map((w, j) => w * exploitationBias(exploitationNames[j]!, nationality, child)));
      const gender = year >= 2016 && rng() < 0.002 ? 'Other' : rng() < femaleShare(exploitation, child) ? 'Female' : 'Male';
      const [responderType, responder] = firstResponder(rng, year, d.day, child, d.force, d.nation);
      const { index: _index, nation: _nation, ...rest } = d;
      const c = { ...rest, nationality, exploitation, gender, responderType, responder, decisions: decide(rng, year, d.day, child) };
      cases.push({ ...c, ocg: linkOcg(rng, c, byRegion) });
    });
  }
  const order = cases.map((c, i) => ({ c, i })).sort((a, b) => a.c.day - b.c.day || a.i - b.i);
  const seq = new Map<number, number>();
  return order.map(({ c }) => {
    const n = (seq.get(c.year) ?? 0) + 1;
    seq.set(c.year, n);
    return { reference: `SYN-NRM-${c.year}-${String(n).padStart(5, '0')}`, ...c };
  });
}

export const CASE_HEADER = [
  'case_reference', 'referral_date', 'year', 'quarter', 'age_at_exploitation', 'location_of_exploitation', 'gender',
  'nationality', 'exploitation_type', 'first_responder_type', 'first_responder', 'police_force', 'police_region',
  'rg_decision', 'rg_decision_date', 'cg_decision', 'cg_decision_date', 'ocg_reference',
];

const dateOrEmpty = (d: number | null) => (d === null ? '' : isoDate(d));

export function caseRow(c: Case): string[] {
  return [
    c.reference, isoDate(c.day), String(c.year), c.quarter, c.age, c.location, c.gender, c.nationality, c.exploitation,
    c.responderType, c.responder, c.force ?? '', c.region, c.decisions.rg, dateOrEmpty(c.decisions.rgDay),
    c.decisions.cg, dateOrEmpty(c.decisions.cgDay), c.ocg ?? '',
  ];
}
