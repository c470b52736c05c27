// Scripts, pure: police forces and regions for the synthetic datasets — the 43 territorial forces of England and
// Wales, Police Scotland and the PSNI, grouped in the old ACPO regions the 2012 IDMG release used ("North East"
// then included the Yorkshire forces). Weights: 2011 from the release's table of referrals by police region,
// 2023 from the police first responders of the Q4 2023 detail table; years between are interpolated.

export type Nation = 'England' | 'Wales' | 'Scotland' | 'Northern Ireland';

export interface Region {
  name: string;
  nation: Nation;
  /** Relative weight in 2011 (the IDMG release's 2011 referrals) and 2023 (Q4 2023 police referrals). */
  w2011: number;
  w2023: number;
  /** Forces of the region with their weight inside it (Q4 2023 police referrals, plus 2). */
  forces: [string, number][];
}

export const NOT_RECORDED = 'Not recorded';

export const REGIONS: Region[] = [
  { name: 'East Midlands', nation: 'England', w2011: 17, w2023: 78, forces: [['Derbyshire Constabulary', 19], ['Leicestershire Police', 17], ['Lincolnshire Police', 18], ['Northamptonshire Police', 19], ['Nottinghamshire Police', 15]] },
  { name: 'Eastern', nation: 'England', w2011: 67, w2023: 121, forces: [['Bedfordshire Police', 13], ['Cambridgeshire Constabulary', 27], ['Essex Police', 62], ['Hertfordshire Constabulary', 9], ['Norfolk Constabulary', 14], ['Suffolk Constabulary', 8]] },
  { name: 'London', nation: 'England', w2011: 258, w2023: 167, forces: [['Metropolitan Police Service', 167], ['City of London Police', 4]] },
  { name: 'North East', nation: 'England', w2011: 132, w2023: 130, forces: [['Cleveland Police', 14], ['Durham Constabulary', 5], ['Northumbria Police', 9], ['Humberside Police', 16], ['North Yorkshire Police', 15], ['South Yorkshire Police', 24], ['West Yorkshire Police', 61]] },
  { name: 'North West', nation: 'England', w2011: 81, w2023: 91, forces: [['Cheshire Constabulary', 15], ['Cumbria Constabulary', 3], ['Greater Manchester Police', 52], ['Lancashire Constabulary', 14], ['Merseyside Police', 17]] },
  { name: 'South East', nation: 'England', w2011: 86, w2023: 123, forces: [['Hampshire Constabulary', 16], ['Kent Police', 23], ['Surrey Police', 9], ['Sussex Police', 28], ['Thames Valley Police', 57]] },
  { name: 'South West', nation: 'England', w2011: 28, w2023: 45, forces: [['Avon and Somerset Constabulary', 21], ['Devon & Cornwall Police', 11], ['Dorset Police', 5], ['Gloucestershire Constabulary', 9], ['Wiltshire Police', 9]] },
  { name: 'West Midlands', nation: 'England', w2011: 50, w2023: 84, forces: [['Staffordshire Police', 12], ['Warwickshire Police', 20], ['West Mercia Police', 16], ['West Midlands Police', 44]] },
  { name: 'Wales', nation: 'Wales', w2011: 78, w2023: 54, forces: [['Dyfed-Powys Police', 9], ['Gwent Police', 16], ['North Wales Police', 12], ['South Wales Police', 25]] },
  { name: 'Northern Ireland', nation: 'Northern Ireland', w2011: 24, w2023: 7, forces: [['Police Service of Northern Ireland', 1]] },
  { name: 'Scotland', nation: 'Scotland', w2011: 32, w2023: 75, forces: [['Police Scotland', 1]] },
];

/** Weight of "Not recorded" (no force on the case): 78 of 931 in the 2011 table; rarer by 2023. */
export const NOT_RECORDED_W2011 = 78;
export const NOT_RECORDED_W2023 = 30;

/** A force's region and nation, by force name. */
export const FORCE_REGION = new Map<string, Region>(REGIONS.flatMap((r) => r.forces.map(([f]) => [f, r] as const)));
