// Pack layer, pure: the briefing pack as the analyst composes it — its cover details and an ordered list of items
// (a pivot as table and/or chart, a query's result, commentary, key figures, page breaks) — as plain versioned
// data that is saved, validated on load (unknown keys rejected, defaults filled) and changed by pure actions.
// Items are live (re-run at each export) unless frozen, when they carry the snapshot they were frozen with.
import { parsePivotSpec } from '../query/pivot/parse.ts';
import type { PivotSpec } from '../query/pivot/spec.ts';
import type { PivotChartSpec } from '../viz/pivot-chart.ts';
import { parsePivotChartSpec } from '../viz/chart-parse.ts';
import { WIDE_MODES, type DocItem, type Marking, type PackMeta, type WideMode } from './document.ts';
import { parseFrozen } from './document-parse.ts';
import type { NoteTarget } from './note-targets.ts';
import { formatError, object, str, strings, type Obj } from './shape.ts';

export const PACK_VERSION = 1;

export type PackMetaSpec = Omit<PackMeta, 'appVersion' | 'exportedAt'>;

interface ItemBase {
  id: string;
  /** A snapshot of the resolved item: when set, exports use it instead of re-running (the "freeze" option). */
  frozen: DocItem[] | null;
}

export type PackItemSpec =
  | (ItemBase & {
      kind: 'pivot';
      caption: string;
      /** The pivot as added; when `savedName` names a saved pivot, that pivot's current version is used instead. */
      spec: PivotSpec;
      chart: PivotChartSpec | null;
      savedName: string | null;
      show: 'table' | 'chart' | 'both';
      notes: string[];
      noteTargets: NoteTarget[];
      /** How its table goes when wider than the page (lib/pack/wide-table.ts); parsing fills in 'auto'. */
      wide?: WideMode;
    })
  | (ItemBase & { kind: 'query'; caption: string; sql: string; notes: string[]; noteTargets: NoteTarget[]; wide?: WideMode })
  | (ItemBase & { kind: 'commentary'; markdown: string })
  | (ItemBase & { kind: 'key-figures'; caption: string; figures: KeyFigureSpec[] })
  | (ItemBase & { kind: 'page-break' });

/** One key figure: a query giving one number, optionally compared with another ("236 more (+33 %) than 2010"). */
export interface KeyFigureSpec {
  label: string;
  sql: string;
  compareSql: string;
  compareLabel: string;
}

export interface PackSpec {
  version: typeof PACK_VERSION;
  meta: PackMetaSpec;
  items: PackItemSpec[];
  /** Notes referenced as [note 1]… by items (their ids). */
  notes: Array<{ id: string; text: string }>;
  /** Disclosure control of count tables: on unless turned off for an export, with the reason recorded. */
  disclosure: { on: boolean; offReason: string };
}

const MARKINGS: readonly (Marking | 'none')[] = ['OFFICIAL', 'OFFICIAL-SENSITIVE', null];

export function parseMeta(v: unknown): PackMetaSpec {
  const o = object(v ?? {}, 'cover details', ['title', 'subtitle', 'author', 'organisation', 'date', 'marking', 'caveat', 'orientation', 'contact', 'status', 'nextUpdate', 'releaseUrl']);
  const marking = o.marking === undefined ? 'OFFICIAL' : o.marking;
  if (!MARKINGS.includes(marking as Marking)) throw formatError('not-allowed', 'protective marking', 'The pack\'s protective marking should be OFFICIAL, OFFICIAL-SENSITIVE or none.');
  const orientation = o.orientation ?? 'portrait';
  if (orientation !== 'portrait' && orientation !== 'landscape') throw formatError('not-allowed', 'orientation', 'The pack\'s orientation should be portrait or landscape.');
  const date = str(o.date, 'date', '');
  if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw formatError('not-allowed', 'date', 'The pack\'s date should be written as yyyy-mm-dd.');
  return {
    title: str(o.title, 'title', 'Briefing pack'),
    subtitle: str(o.subtitle, 'subtitle'),
    author: str(o.author, 'author'),
    organisation: str(o.organisation, 'organisation'),
    date,
    marking: marking as Marking,
    caveat: str(o.caveat, 'handling caveat'),
    orientation,
    contact: str(o.contact, 'contact'),
    ...releaseDetails(o),
  };
}

const STATUSES = ['provisional', 'revised', 'final'] as const;

/** The release's status, next update and web page (the cover of the spreadsheets says them); absent when not given. */
function releaseDetails(o: Obj): Pick<PackMetaSpec, 'status' | 'nextUpdate' | 'releaseUrl'> {
  const status = o.status ?? '';
  if (status !== '' && !STATUSES.includes(status as (typeof STATUSES)[number])) throw formatError('not-allowed', 'status', 'The pack\'s status should be provisional, revised or final.');
  const nextUpdate = str(o.nextUpdate, 'next update').trim();
  const releaseUrl = str(o.releaseUrl, 'release web page').trim();
  if (releaseUrl && !/^https?:\/\/[^\s]+$/.test(releaseUrl)) throw formatError('not-allowed', 'release web page', 'The release web page should be a web address starting with https://.');
  return { ...(status ? { status: status as (typeof STATUSES)[number] } : {}), ...(nextUpdate ? { nextUpdate } : {}), ...(releaseUrl ? { releaseUrl } : {}) };
}

function parseTargets(v: unknown, where: string): NoteTarget[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw formatError('wrong-type', where, `The pack's ${where} note markers should be a list.`);
  return v.map((t, n) => {
    const o = object(t, `${where} note marker ${n + 1}`, ['note', 'column', 'row']);
    const optional = (x: unknown, what: string) => (x === null || x === undefined ? null : str(x, what));
    return { note: str(o.note, 'note id'), column: optional(o.column, 'column'), row: optional(o.row, 'row') };
  });
}

/** An item's wide-table layout: 'auto' when absent, else one of WIDE_MODES. */
function parseWide(v: unknown, where: string): WideMode {
  if (v === undefined) return 'auto';
  if (!WIDE_MODES.includes(v as WideMode)) throw formatError('not-allowed', where, `The pack's ${where} table should go on landscape pages, be split into column groups, or be laid out automatically (${WIDE_MODES.map((m) => JSON.stringify(m)).join(', ')}).`);
  return v as WideMode;
}

/** One item of the pack (`i` is its 0-based position, for messages and a missing id). */
export function parseItem(v: unknown, i: number): PackItemSpec {
  const where = `item ${i + 1}`;
  const kind = (v as Obj | null)?.kind;
  const common = ['id', 'kind', 'frozen'];
  const frozen = (o: Obj) => parseFrozen(o.frozen, where);
  const id = (o: Obj) => str(o.id, `${where} id`, `item-${i + 1}`);
  switch (kind) {
    case 'pivot': {
      const o = object(v, where, [...common, 'caption', 'spec', 'chart', 'savedName', 'show', 'notes', 'noteTargets', 'wide']);
      const show = o.show ?? 'both';
      if (show !== 'table' && show !== 'chart' && show !== 'both') throw formatError('not-allowed', where, `The pack's ${where} should show its table, its chart or both.`);
      return { id: id(o), kind, frozen: frozen(o), caption: str(o.caption, `${where} caption`), spec: parsePivotSpec(o.spec), chart: parsePivotChartSpec(o.chart, `pack's ${where} chart`), savedName: o.savedName === undefined || o.savedName === null ? null : str(o.savedName, `${where} saved pivot`), show, notes: strings(o.notes, `${where} notes`), noteTargets: parseTargets(o.noteTargets, where), wide: parseWide(o.wide, where) };
    }
    case 'query': {
      const o = object(v, where, [...common, 'caption', 'sql', 'notes', 'noteTargets', 'wide']);
      const sql = str(o.sql, `${where} SQL`);
      if (!sql.trim()) throw formatError('missing', where, `The pack's ${where} has no SQL.`);
      return { id: id(o), kind, frozen: frozen(o), caption: str(o.caption, `${where} caption`), sql, notes: strings(o.notes, `${where} notes`), noteTargets: parseTargets(o.noteTargets, where), wide: parseWide(o.wide, where) };
    }
    case 'commentary': {
      const o = object(v, where, [...common, 'markdown']);
      return { id: id(o), kind, frozen: null, markdown: str(o.markdown, `${where} text`) };
    }
    case 'key-figures': {
      const o = object(v, where, [...common, 'caption', 'figures']);
      if (!Array.isArray(o.figures ?? [])) throw formatError('wrong-type', where, `The pack's ${where} figures should be a list.`);
      const figures = ((o.figures ?? []) as unknown[]).map((f, n) => {
        const x = object(f, `${where} figure ${n + 1}`, ['label', 'sql', 'compareSql', 'compareLabel']);
        return { label: str(x.label, 'figure label'), sql: str(x.sql, 'figure SQL'), compareSql: str(x.compareSql, 'comparison SQL'), compareLabel: str(x.compareLabel, 'comparison label') };
      });
      return { id: id(o), kind, frozen: frozen(o), caption: str(o.caption, `${where} caption`, 'Key figures'), figures };
    }
    case 'page-break': {
      const o = object(v, where, common);
      return { id: id(o), kind, frozen: null };
    }
    default:
      throw formatError('not-allowed', where, `The pack's ${where} is of an unknown kind (${JSON.stringify(kind)}).`);
  }
}

export const PACK_KEYS = ['version', 'meta', 'items', 'notes', 'disclosure'] as const;

/** The pack format a stored pack says it is in; a newer one cannot be read by this version. */
export function checkVersion(v: unknown): void {
  const version = v ?? PACK_VERSION;
  if (typeof version !== 'number' || version > PACK_VERSION) throw formatError('newer-version', 'version', `This pack was saved by a newer version of the workbench (pack format ${String(version)}). Update the workbench to open it.`);
}

export function parseNote(v: unknown, i: number): { id: string; text: string } {
  const x = object(v, `note ${i + 1}`, ['id', 'text']);
  return { id: str(x.id, 'note id', `note ${i + 1}`), text: str(x.text, 'note text') };
}

export function parseDisclosure(v: unknown): PackSpec['disclosure'] {
  const d = object(v ?? {}, 'disclosure setting', ['on', 'offReason']);
  const on = d.on ?? true;
  if (typeof on !== 'boolean') throw formatError('wrong-type', 'disclosure setting', 'The pack\'s disclosure setting should be on or off.');
  const offReason = str(d.offReason, 'reason for turning disclosure control off', '');
  if (!on && !offReason.trim()) throw formatError('missing', 'disclosure setting', 'Disclosure control can be turned off for an export only with a reason, which is recorded on the cover.');
  return { on, offReason };
}

/** The error for a second item with an id already used (items are found by id). */
export function duplicateId(id: string): Error {
  return formatError('not-allowed', 'item id', `Two items of the pack have the id "${id}".`);
}

/** The whole pack, strictly: any problem anywhere rejects it (used after every action; see load.ts for reading). */
export function parsePackSpec(input: unknown): PackSpec {
  const o = object(input, 'file', PACK_KEYS);
  checkVersion(o.version);
  if (!Array.isArray(o.items ?? [])) throw formatError('wrong-type', 'items', 'The pack\'s items should be a list.');
  const items = ((o.items ?? []) as unknown[]).map(parseItem);
  const ids = new Set<string>();
  for (const it of items) {
    if (ids.has(it.id)) throw duplicateId(it.id);
    ids.add(it.id);
  }
  if (!Array.isArray(o.notes ?? [])) throw formatError('wrong-type', 'notes', 'The pack\'s notes should be a list.');
  const notes = ((o.notes ?? []) as unknown[]).map(parseNote);
  return { version: PACK_VERSION, meta: parseMeta(o.meta), items, notes, disclosure: parseDisclosure(o.disclosure) };
}

export function newPack(date: string): PackSpec {
  return parsePackSpec({ meta: { date } });
}
