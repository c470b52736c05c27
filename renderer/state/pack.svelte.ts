// State layer: the briefing pack being composed — its spec (changed only by pure actions, kept in the workbook's
// working copy so it survives a restart) and the resolved document the live preview and every export read. Changes re-resolve the
// pack after a short pause; a slower resolve never overwrites a newer one. The stored pack is read part by part
// (lib/pack/load.ts): what cannot be read is moved aside before the first write, never written over. Every change
// starts from the newest stored pack, so a change made in another window is never silently lost.
import type { DocItem } from '../lib/pack/document.ts';
import type { PackServices, ResolvedPack } from '../lib/pack/resolve.ts';
import { resolvePack } from '../lib/pack/resolve.ts';
import type { PackSpec } from '../lib/pack/spec.ts';
import { describePart, loadPack } from '../lib/pack/load.ts';
import { addItem, freezeItem } from '../lib/pack/actions.ts';
import type { PivotSpec } from '../lib/query/pivot/spec.ts';
import type { PivotChartSpec } from '../lib/viz/pivot-chart.ts';
import { cleanSvgMarkup } from '../lib/markup/svg.ts';
import { KeptAside, unreadableFile, uniqueByText, type UnreadableEntry } from './kept-aside.ts';
import { type SlotStore, type TextSlot, type WriteOutcome } from './local-slot.ts';
import { Drafts } from './drafts.svelte.ts';

const NAME = 'pack.v1';
const SETTLE_MS = 250;

/** Frozen snapshots come back from storage, which anything could have written: their figures' SVG is cleaned once,
 *  here where it enters, so the preview, the print view and every export (SVG files, DOCX) carry the clean markup. */
function withCleanFigures(spec: PackSpec): PackSpec {
  const clean = (parts: DocItem[]) => parts.map((part) => (part.kind === 'figure' ? { ...part, svg: cleanSvgMarkup(String(part.svg)) } : part));
  return { ...spec, items: spec.items.map((item) => (item.frozen ? { ...item, frozen: clean(item.frozen) } : item)) };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export class PackState {
  spec = $state.raw<PackSpec>() as PackSpec;
  resolved = $state.raw<ResolvedPack | null>(null);
  resolving = $state(false);
  /** A change the pack refused (e.g. disclosure off without a reason), in words. */
  error = $state<string | null>(null);
  /** The last change could not be stored: it lives in this window only until a later write succeeds. */
  writeProblem = $state<Exclude<WriteOutcome, 'written'> | null>(null);
  /** Parts of the stored pack that could not be read: still in place until the next write, or kept aside. */
  unreadable = $state.raw<UnreadableEntry[]>([]);
  /** Another window changed the pack and this one now shows that version (until the next change here). */
  changedElsewhere = $state(false);
  /** Text typed into the pack's fields and not yet applied. */
  readonly drafts = new Drafts();
  private slot!: TextSlot;
  private aside!: KeptAside;
  /** The stored text this window last read or wrote: anything else in storage was written by another window. */
  private seen: string | null = null;
  /** Unreadable parts still in place in the stored pack, to move aside before it is written over. */
  private inPlace: UnreadableEntry[] = [];
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly services: () => PackServices | null,
    slots: SlotStore,
  ) {
    this.use(slots);
  }

  /** Reads and writes another workbook's working copy from now on (File › New, Open, recovering). */
  use(slots: SlotStore): void {
    this.slot = slots.slot(NAME);
    this.aside = new KeptAside(slots.slot(`${NAME}.kept-aside`));
    this.writeProblem = null;
    this.changedElsewhere = false;
    this.drafts.prune(() => false);
    this.load();
    this.resolved = null;
  }

  /** Replaces the pack with one read from a workbook file (already checked whole by lib/workbook). */
  replace(spec: PackSpec): void {
    this.update(() => withCleanFigures(spec));
  }

  /** Whether a change to this storage key (null: storage cleared) concerns the pack. */
  concerns(key: string | null): boolean {
    return key === null || key === this.slot.key || key === this.aside.key;
  }

  /** Another window changed the stored pack: show its version (typed drafts stay, and the analyst is told). */
  storageChanged(key: string | null): void {
    if (!this.concerns(key)) return;
    if (this.slot.read() === this.seen) {
      this.unreadable = uniqueByText([...this.inPlace, ...this.aside.read()]);
      return;
    }
    this.load();
    this.changedElsewhere = true;
    this.schedule();
  }

  /** Apply a pure action to the newest stored pack; on success save and re-resolve, on failure say why. */
  /** A pivot as a pack item: its table, chart or both; one saved by name follows the saved pivot as it is re-saved. */
  addPivot(spec: PivotSpec, chart: PivotChartSpec | null, savedName: string | null, show: 'table' | 'chart' | 'both'): void {
    const caption = savedName ? '' : (chart?.title ?? '');
    this.update((s) => addItem(s, { kind: 'pivot', caption, spec, chart, savedName, show, notes: [], noteTargets: [] }).pack);
  }

  /** A query's result as a table item. */
  addQuery(sql: string, caption: string): void {
    this.update((s) => addItem(s, { kind: 'query', caption, sql, notes: [], noteTargets: [] }).pack);
  }

  update(action: (spec: PackSpec) => PackSpec): boolean {
    if (this.slot.read() !== this.seen) this.load(); // another window wrote since: change its version, not ours
    try {
      this.spec = action(this.spec);
      this.error = null;
      this.changedElsewhere = false;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      return false;
    }
    this.pruneDrafts();
    this.write();
    this.schedule();
    return true;
  }

  /** The unreadable parts as a file to download. */
  unreadableFile(now?: Date): { fileName: string; text: string } {
    return unreadableFile('briefing pack', this.slot.key, this.unreadable, now);
  }

  /** Removes from storage the unreadable parts with these stored texts (the analyst downloaded them); others stay. */
  discardUnreadable(texts: ReadonlySet<string>): void {
    this.inPlace = this.inPlace.filter((e) => !texts.has(e.text));
    const outcome = this.aside.remove(texts);
    if (outcome !== 'written') this.writeProblem = outcome;
    this.write();
  }

  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.resolve(), SETTLE_MS);
  }

  /** Resolve the pack now (exports call this, so they always read the newest figures). */
  async resolve(): Promise<ResolvedPack | null> {
    const services = this.services();
    if (!services) return null;
    const mine = ++this.sequence;
    this.resolving = true;
    try {
      const resolved = await resolvePack(this.spec, services);
      if (mine === this.sequence) this.resolved = resolved;
      return resolved;
    } finally {
      if (mine === this.sequence) this.resolving = false;
    }
  }

  /** Freeze an item with the figures it shows now, or make it live again. */
  toggleFrozen(id: string): void {
    const item = this.spec.items.find((it) => it.id === id);
    const parts = this.resolved?.items.find((x) => x.id === id)?.parts ?? null;
    if (!item) return;
    this.update((s) => freezeItem(s, id, item.frozen ? null : parts));
  }

  private load(): void {
    const text = this.slot.read();
    const { spec, unreadable } = loadPack(text, today());
    this.seen = text;
    this.spec = withCleanFigures(spec);
    this.inPlace = unreadable.map((u) => ({ what: describePart(u.part), reason: u.reason, text: u.text, keptAt: null }));
    this.unreadable = uniqueByText([...this.inPlace, ...this.aside.read()]);
    this.pruneDrafts();
  }

  /** Drafts of items that are gone (removed here or in another window) are dropped: their fields are gone too. */
  private pruneDrafts(): void {
    this.drafts.prune((key) => !key.startsWith('item:') || this.spec.items.some((it) => key.startsWith(`item:${it.id}:`)));
  }

  /** Moves what could not be read aside, then stores the pack; if the first step fails the second is not taken. */
  private write(): void {
    const text = JSON.stringify(this.spec);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    let outcome = this.aside.add(this.inPlace, new Date().toISOString());
    if (outcome === 'written') outcome = this.slot.write(text);
    if (outcome !== 'written') {
      // Local storage is small (about 5 MB): frozen snapshots of big tables can fill it. The pack stays open.
      this.writeProblem = outcome;
      return;
    }
    this.writeProblem = null;
    this.seen = text;
    this.inPlace = [];
    this.unreadable = this.aside.read();
  }
}
