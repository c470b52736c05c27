// Scripts, pure: calendar dates as whole UTC day numbers, so generated dates never depend on the machine's time zone.

const DAY_MS = 86_400_000;

export function dayOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UK style an Excel user on Windows sees and saves: dd/mm/yyyy. */
export function ukDate(day: number): string {
  const iso = isoDate(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** First and last day of a calendar quarter ("Q1"–"Q4"). */
export function quarterDays(year: number, quarter: string): [number, number] {
  const q = Number(quarter.slice(1));
  const first = dayOf(year, (q - 1) * 3 + 1, 1);
  const last = dayOf(q === 4 ? year + 1 : year, q === 4 ? 1 : q * 3 + 1, 1) - 1;
  return [first, last];
}

export function yearOfDay(day: number): number {
  return Number(isoDate(day).slice(0, 4));
}
