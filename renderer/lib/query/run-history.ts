// Query logic, pure: the history of console runs — one entry per run (its SQL as run, when, how long, the rows of
// its last result, and whether it finished, failed with which error, or was cancelled), newest first and capped;
// read back from stored text strictly (an entry this version cannot read is a problem, never half-read), and
// searched by words.

export type RunOutcome = 'done' | 'failed' | 'cancelled';

export interface RunRecord {
  sql: string;
  /** When the run started (ISO). */
  at: string;
  /** From start to end of the run, all its statements. */
  elapsedMs: number;
  /** Rows of the last result, when there was one. */
  rows: number | null;
  outcome: RunOutcome;
  /** The engine's message (first line) when the run failed. */
  error: string | null;
  /** How many statements the run held. */
  statements: number;
}

/** How many runs the history keeps (newest first). */
export const HISTORY_KEPT = 500;

const OUTCOMES: readonly string[] = ['done', 'failed', 'cancelled'] satisfies RunOutcome[];

/** Thrown for stored history this version cannot read: it is left as it is, never written over. */
export class HistoryUnreadable extends Error {}

function entry(v: unknown): RunRecord {
  const r = v as Partial<RunRecord> | null;
  const count = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (
    !r || typeof r !== 'object' || typeof r.sql !== 'string' || typeof r.at !== 'string' || Number.isNaN(Date.parse(r.at)) ||
    !count(r.elapsedMs) || !(r.rows === null || count(r.rows)) || !OUTCOMES.includes(String(r.outcome)) ||
    !(r.error === null || typeof r.error === 'string') || !count(r.statements)
  ) throw new HistoryUnreadable('an entry of the run history is not one this version can read');
  return { sql: r.sql, at: r.at, elapsedMs: r.elapsedMs!, rows: r.rows ?? null, outcome: r.outcome as RunOutcome, error: r.error ?? null, statements: r.statements! };
}

/** The stored history (null: none yet); throws HistoryUnreadable for anything else. */
export function parseHistory(text: string | null): RunRecord[] {
  if (text === null) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new HistoryUnreadable('the run history is not readable JSON');
  }
  const runs = (data as { version?: unknown; runs?: unknown } | null)?.runs;
  if ((data as { version?: unknown } | null)?.version !== 1 || !Array.isArray(runs)) throw new HistoryUnreadable('the run history is not in a form this version can read');
  return runs.map(entry);
}

export function serializeHistory(runs: readonly RunRecord[]): string {
  return JSON.stringify({ version: 1, runs });
}

/** The history with `run` added first, the oldest beyond HISTORY_KEPT let go. */
export function withRun(runs: readonly RunRecord[], run: RunRecord): RunRecord[] {
  return [run, ...runs].slice(0, HISTORY_KEPT);
}

/** The runs whose SQL or error holds every word of `search` (any case), newest first as kept. */
export function searchHistory(runs: readonly RunRecord[], search: string): RunRecord[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...runs];
  return runs.filter((r) => {
    const text = `${r.sql}\n${r.error ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
