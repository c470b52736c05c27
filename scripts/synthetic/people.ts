// Scripts, pure: nationality, exploitation type and gender mixes for the synthetic NRM cases, shaped like the
// published NRM statistics — top nationalities moving from Nigeria, Vietnam, China and Romania (2010–2012) to the UK
// and Albania (2023, as the Q4 2023 detail table gives them), criminal exploitation growing after 2016 (county
// lines), sexual exploitation falling. Weights are per mille at anchor years; years between are interpolated.

export const NAT_ANCHORS = [2010, 2014, 2018, 2023];

/** Nationality labels as the NRM tables print them ("UK", demonyms), weight at each anchor year. */
export const NATIONALITIES: [string, number, number, number, number][] = [
  ['UK', 60, 110, 260, 272],
  ['Albanian', 30, 130, 120, 190],
  ['Vietnamese', 90, 90, 110, 63],
  ['Sudanese', 5, 20, 40, 53],
  ['Eritrean', 10, 40, 40, 49],
  ['Chinese', 90, 50, 40, 26],
  ['Nigerian', 150, 90, 40, 8],
  ['Romanian', 80, 80, 40, 14],
  ['Polish', 40, 60, 20, 5],
  ['Slovak', 40, 40, 10, 2],
  ['Czech', 30, 15, 5, 1],
  ['Lithuanian', 25, 30, 10, 3],
  ['Hungarian', 20, 20, 10, 3],
  ['Bulgarian', 10, 10, 8, 3],
  ['Ugandan', 30, 15, 5, 2],
  ['Ghanaian', 25, 12, 8, 3],
  ['Indian', 20, 20, 25, 13],
  ['Filipino', 20, 25, 15, 15],
  ['Pakistani', 15, 15, 15, 10],
  ['Bangladeshi', 10, 10, 10, 6],
  ['Iranian', 5, 10, 25, 18],
  ['Afghan', 10, 15, 20, 17],
  ['Iraqi', 5, 8, 20, 16],
  ['Syrian', 2, 5, 10, 14],
  ['Ethiopian', 10, 12, 12, 8],
  ['Somali', 10, 8, 10, 13],
  ['Egyptian', 2, 3, 5, 8],
  ['Ivorian', 4, 4, 4, 4],
  ['Turkish', 2, 3, 4, 4],
  ['Gambian', 8, 5, 5, 3],
  ['Sierra Leonean', 10, 6, 5, 5],
  ['Thai', 15, 10, 8, 6],
  ['Brazilian', 5, 5, 5, 4],
  ['Jamaican', 5, 5, 5, 3],
  ['Moroccan', 3, 3, 3, 3],
  ['Ukrainian', 3, 3, 3, 6],
  ['Unknown', 20, 15, 10, 4],
];

/**
 * The 2012 IDMG release's top 3 source countries of 2011's potential victims by UK nation
 * (idmg2012_top_source_countries_by_nation_2011): 2011's synthetic cases keep exactly this ranking in each nation.
 */
export const TOP3_2011: Record<string, [string, string, string]> = {
  England: ['Nigerian', 'Chinese', 'Vietnamese'],
  Wales: ['Nigerian', 'Ugandan', 'Vietnamese'],
  Scotland: ['Romanian', 'Czech', 'Slovak'],
  'Northern Ireland': ['UK', 'Ghanaian', 'Chinese'],
};

/** Country names as the release prints them, for the nationality labels (the release says "UK" for the UK). */
export const COUNTRY_OF: Record<string, string> = {
  UK: 'UK', Albanian: 'Albania', Vietnamese: 'Vietnam', Sudanese: 'Sudan', Eritrean: 'Eritrea', Chinese: 'China',
  Nigerian: 'Nigeria', Romanian: 'Romania', Polish: 'Poland', Slovak: 'Slovakia', Czech: 'Czech Republic',
  Lithuanian: 'Lithuania', Hungarian: 'Hungary', Bulgarian: 'Bulgaria', Ugandan: 'Uganda', Ghanaian: 'Ghana',
  Indian: 'India', Filipino: 'Philippines', Pakistani: 'Pakistan', Bangladeshi: 'Bangladesh', Iranian: 'Iran',
  Afghan: 'Afghanistan', Iraqi: 'Iraq', Syrian: 'Syria', Ethiopian: 'Ethiopia', Somali: 'Somalia', Egyptian: 'Egypt',
  Ivorian: 'Côte d’Ivoire', Turkish: 'Türkiye', Gambian: 'Gambia', 'Sierra Leonean': 'Sierra Leone', Thai: 'Thailand',
  Brazilian: 'Brazil', Jamaican: 'Jamaica', Moroccan: 'Morocco', Ukrainian: 'Ukraine', Unknown: 'Not known',
};

export const EXPLOITATION_ANCHORS = [2010, 2014, 2016, 2019, 2023];

/** Exploitation type labels as the Q4 2023 detail table prints them; per mille at each anchor year. */
export const EXPLOITATION: [string, ...number[]][] = [
  ['Sexual', 420, 330, 270, 160, 98],
  ['Labour', 300, 360, 350, 290, 269],
  ['Domestic', 140, 110, 80, 40, 18],
  ['Criminal', 30, 50, 90, 270, 283],
  ['Not specified or unknown', 70, 90, 100, 110, 101],
  ['Organ Harvesting', 3, 3, 2, 1, 1],
  ['Labour & Criminal', 5, 15, 25, 70, 110],
  ['Sexual & Labour', 15, 20, 22, 28, 32],
  ['Labour & Domestic', 15, 20, 25, 35, 43],
  ['Sexual & Criminal', 2, 5, 7, 12, 16],
  ['Sexual & Domestic', 5, 6, 6, 7, 7],
  ['Sexual, Labour & Domestic', 3, 4, 5, 8, 10],
  ['Labour, Domestic & Criminal', 0, 1, 2, 4, 5],
  ['Sexual, Labour & Criminal', 0, 1, 2, 4, 5],
  ['Domestic & Criminal', 0, 1, 1, 1, 1],
];

type Kind = 'Sexual' | 'Labour' | 'Domestic' | 'Criminal';
const KINDS: Kind[] = ['Sexual', 'Labour', 'Domestic', 'Criminal'];

/** How much more or less often a group of nationalities is referred for each kind of exploitation. */
const NATIONALITY_BIAS: [string[], Partial<Record<Kind, number>>][] = [
  [['UK'], { Criminal: 2, Sexual: 1.3, Labour: 0.5, Domestic: 0.5 }],
  [['Vietnamese'], { Criminal: 2, Labour: 1.5, Sexual: 0.5 }],
  [['Albanian'], { Sexual: 1.3, Criminal: 1.3 }],
  [['Eritrean', 'Sudanese', 'Ethiopian', 'Afghan', 'Iranian', 'Iraqi', 'Syrian', 'Somali'], { Labour: 1.8, Sexual: 0.5 }],
  [['Romanian', 'Slovak', 'Czech', 'Polish', 'Lithuanian', 'Hungarian', 'Bulgarian'], { Labour: 2, Sexual: 1.2, Criminal: 0.7 }],
  [['Nigerian', 'Ghanaian', 'Ugandan', 'Gambian', 'Sierra Leonean', 'Ivorian'], { Sexual: 1.6, Domestic: 1.8, Criminal: 0.5 }],
  [['Filipino', 'Indian', 'Bangladeshi', 'Pakistani'], { Domestic: 3, Labour: 1.5, Sexual: 0.5 }],
  [['Chinese', 'Thai'], { Sexual: 1.6, Labour: 1.2 }],
];
const CHILD_BIAS: Partial<Record<Kind, number>> = { Criminal: 1.7, Sexual: 1.2, Labour: 0.5, Domestic: 0.6 };

function kindsOf(label: string): Kind[] {
  return KINDS.filter((k) => label.includes(k));
}

/** Multiplier for an exploitation label given nationality and age: the mean of its kinds' biases. */
export function exploitationBias(label: string, nationality: string, child: boolean): number {
  const kinds = kindsOf(label);
  if (kinds.length === 0) return 1;
  const bias = NATIONALITY_BIAS.find(([names]) => names.includes(nationality))?.[1] ?? {};
  const mean = kinds.reduce((s, k) => s + (bias[k] ?? 1) * (child ? (CHILD_BIAS[k] ?? 1) : 1), 0) / kinds.length;
  return mean;
}

/** Share of women and girls by exploitation type (sexual and domestic mostly female, criminal mostly male). */
export function femaleShare(label: string, child: boolean): number {
  const kinds = kindsOf(label);
  if (kinds.length === 0) return 0.3;
  const share: Record<Kind, number> = { Sexual: 0.85, Domestic: 0.72, Labour: 0.22, Criminal: child ? 0.12 : 0.15 };
  return kinds.reduce((s, k) => s + share[k], 0) / kinds.length;
}

/** Kinds of exploitation named in a label, for matching cases to crime groups. */
export { kindsOf };
