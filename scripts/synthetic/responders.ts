// Scripts, pure: who referred a synthetic case (first responder type and organisation), by era — the UK Border
// Agency until it was split in 2013, then the Home Office's Immigration Enforcement, Border Force and UK Visas and
// Immigration; SOCA until the NCA took over in October 2013; the GLA renamed GLAA in 2017 — and by nation for the
// NGOs (TARA in Scotland, BAWSO in Wales). A police referral comes from the force of the case.
import { dayOf } from './dates.ts';
import type { Nation } from './places.ts';
import { pickWeighted, weightsForYear, type Rng } from './prng.ts';

const TYPE_ANCHORS = [2010, 2014, 2018, 2023];
const TYPES: [string, number, number, number, number][] = [
  ['Government agency', 45, 40, 30, 46],
  ['Police', 28, 22, 25, 24],
  ['NGO and third sector', 20, 20, 13, 5],
  ['Local Authority', 7, 18, 32, 25],
];

const UKBA_SPLIT = dayOf(2013, 4, 1);
const NCA_START = dayOf(2013, 10, 7);
const GLAA_START = dayOf(2017, 5, 1);

function governmentAgency(rng: Rng, day: number): string {
  const crimeAgency = day < NCA_START ? 'Serious Organised Crime Agency SOCA' : 'National Crime Agency NCA';
  const gangmasters = day < GLAA_START ? 'Gangmasters Licensing Authority GLA' : 'Gangmasters and Labour Abuse Authority GLAA';
  if (day < UKBA_SPLIT) return pickWeighted(rng, ['UK Border Agency UKBA', crimeAgency, gangmasters], [90, 5, 5]);
  return pickWeighted(
    rng,
    ['Home Office - Immigration Enforcement IE', 'Home Office - UK Border Force UKBF', 'Home Office - UK Visas and Immigration UKVI', crimeAgency, gangmasters],
    [34, 5, 55, 2, 4],
  );
}

function ngo(rng: Rng, day: number, nation: Nation | null): string {
  if (nation === 'Scotland' && rng() < 0.7) return 'Trafficking Awareness Raising Alliance TARA';
  if (nation === 'Wales' && rng() < 0.5) return 'BAWSO';
  const names = ['The Salvation Army', 'Migrant Help', "Barnardo's", 'Medaille Trust', 'Kalayaan', 'Unseen UK', day < dayOf(2011, 7, 1) ? 'Poppy Project' : 'Hestia'];
  return pickWeighted(rng, names, [30, 25, 10, 10, 8, 5, 12]);
}

/** First responder type and organisation of a case referred on `day`. */
export function firstResponder(rng: Rng, year: number, day: number, child: boolean, force: string | null, nation: Nation | null): [string, string] {
  const weights = weightsForYear(TYPE_ANCHORS, TYPES.map((t) => t.slice(1) as number[]), year);
  if (child) {
    weights[2] = weights[2]! * 0.6;
    weights[3] = weights[3]! * 3;
  }
  const type = pickWeighted(rng, TYPES.map((t) => t[0]), weights);
  if (type === 'Government agency') return [type, governmentAgency(rng, day)];
  if (type === 'Police') return [type, force ?? 'British Transport Police'];
  if (type === 'NGO and third sector') return [type, ngo(rng, day, nation)];
  return [type, 'Local Authority'];
}
