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

/**
 * The same shape stored compactly, as an import of real records would be: categories as ENUMs (DuckDB's
 * dictionary type), small integers as small types. Used for the 40M-row memory check.
 */
export function generateCompactReferralsSql(table: string, rows: number): string[] {
  const labels = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `'${prefix} ${i}'`).join(', ');
  return [
    "CREATE TYPE IF NOT EXISTS bench_age AS ENUM ('Adult (18 or over)', 'Child (17 or under)', 'Not specified or unknown')",
    "CREATE TYPE IF NOT EXISTS bench_gender AS ENUM ('Female', 'Male', 'Other')",
    "CREATE TYPE IF NOT EXISTS bench_exploitation AS ENUM ('Labour', 'Sexual', 'Criminal', 'Domestic', 'Labour & Criminal', 'Sexual & Labour', 'Organ harvesting', 'Not specified')",
    `CREATE TYPE IF NOT EXISTS bench_nationality AS ENUM (${labels('Nationality', 120)})`,
    `CREATE TYPE IF NOT EXISTS bench_force AS ENUM (${labels('Police force', 47)})`,
    `CREATE OR REPLACE TABLE ${table} AS
SELECT
  (2009 + hash(i) % 15)::SMALLINT AS year,
  (1 + hash(i + 1) % 4)::UTINYINT AS quarter,
  enum_range(NULL::bench_age)[1 + (hash(i + 2) % 3)::INTEGER]::bench_age AS age_at_exploitation,
  enum_range(NULL::bench_gender)[1 + (hash(i + 3) % 3)::INTEGER]::bench_gender AS gender,
  enum_range(NULL::bench_exploitation)[1 + (hash(i + 4) % 8)::INTEGER]::bench_exploitation AS exploitation_type,
  enum_range(NULL::bench_nationality)[1 + (hash(i + 5) % 120)::INTEGER]::bench_nationality AS nationality,
  enum_range(NULL::bench_force)[1 + (hash(i + 6) % 47)::INTEGER]::bench_force AS police_force,
  (1 + hash(i + 7) % 5)::UTINYINT AS referrals
FROM range(${rows}) t(i)`,
  ];
}
