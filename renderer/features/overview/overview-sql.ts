// Overview feature, pure: the SQL behind the "IDMG overview" tab. Kept apart from the view so the same queries
// are tested in Node against the real engine and the real figures.

export const ADULT = 'Adult (18 or over)';
export const CHILD = 'Child (17 or under)';
export const AGE_UNKNOWN = 'Not specified or unknown';

/** Referrals per year by age at exploitation (current series), 2009–2023; every referral counted once. */
export const referralsByYearSql = `
SELECT year,
  sum(referrals) FILTER (WHERE age_at_exploitation = '${ADULT}')::BIGINT AS adults,
  sum(referrals) FILTER (WHERE age_at_exploitation = '${CHILD}')::BIGINT AS children,
  sum(referrals) FILTER (WHERE age_at_exploitation = '${AGE_UNKNOWN}')::BIGINT AS age_unknown,
  sum(referrals)::BIGINT AS total
FROM nrm_referrals_quarterly
GROUP BY year
ORDER BY year`.trim();

/** The 2011 police-region rows exactly as printed in the 2012 press release, in the release's order. */
export const policeRegionsSql = `
SELECT police_region, referrals_2011
FROM idmg2012_referrals_by_police_region_2011`.trim();

/** Annual totals as first published beside the current series, with the difference. */
export const vintagesSql = `
SELECT year,
  total_first_published,
  first_published_source,
  total_current_series,
  current_series_source,
  (total_current_series - total_first_published)::BIGINT AS difference
FROM nrm_annual_totals_vintages
ORDER BY year`.trim();
