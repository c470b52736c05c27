// Script layer, pure: the SQL of the benchmarks, run unchanged by the app's engine (in Chromium) and by native
// DuckDB, so the ratio compares engines and nothing else. The generated table has the shape of NRM referral
// records (year, quarter, age, gender, exploitation type, nationality, police force, referrals).

export function generateReferralsSql(table: string, rows: number): string {
  return `CREATE OR REPLACE TABLE ${table} AS
SELECT
  2009 + (hash(i) % 15)::INTEGER AS year,
  'Q' || (1 + hash(i + 1) % 4)::INTEGER AS quarter,
  ['Adult (18 or over)', 'Child (17 or under)', 'Not specified or unknown'][1 + (hash(i + 2) % 3)::INTEGER] AS age_at_exploitation,
  ['Female', 'Male', 'Other'][1 + (hash(i + 3) % 3)::INTEGER] AS gender,
  ['Labour', 'Sexual', 'Criminal', 'Domestic', 'Labour & Criminal', 'Sexual & Labour', 'Organ harvesting', 'Not specified'][1 + (hash(i + 4) % 8)::INTEGER] AS exploitation_type,
  'Nationality ' || (hash(i + 5) % 120)::INTEGER AS nationality,
  'Police force ' || (hash(i + 6) % 47)::INTEGER AS police_force,
  (1 + hash(i + 7) % 5)::INTEGER AS referrals
FROM range(${rows}) t(i)`;
}

export function groupBySql(table: string): string {
  return `SELECT year, age_at_exploitation, exploitation_type, sum(referrals)::BIGINT AS referrals, count(*)::BIGINT AS records
FROM ${table}
GROUP BY ALL
ORDER BY ALL`;
}
