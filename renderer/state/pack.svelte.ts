// State layer: the briefing pack being composed — its spec (changed only by pure actions, kept in local storage so
// it survives a restart) and the resolved document the live preview and every export read. Changes re-resolve the
// pack after a short pause; a slower resolve never overwrites a newer one.
import type { DocItem } from '../lib/pack/document.ts';
import type { PackServices, ResolvedPack } from '../lib/pack/resolve.ts';
import { resolvePack } from '../lib/pack/resolve.ts';
import { newPack, parsePackSpec, type PackSpec } from '../lib/pack/spec.ts';
import { freezeItem } from '../lib/pack/actions.ts';
import { cleanSvgMarkup } from '../lib/markup/svg.ts';

const KEY = 'idmg-workbench.pack.v1';
const SETTLE_MS = 250;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

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
  /** Why the saved pack could not be reopened (it was replaced by a new one, and the reason kept here). */
  loadProblem = $state<string | null>(null);
  private sequence = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly services: () => PackServices | null) {
    const text = storage()?.getItem(KEY);
    try {
      this.spec = text ? withCleanFigures(parsePackSpec(JSON.parse(text))) : newPack(today());
    } catch (err) {
      this.spec = newPack(today());
      this.loadProblem = `The pack saved in this browser could not be opened, so a new one was started: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** Apply a pure action; on success save and re-resolve, on failure keep the pack as it was and say why. */
  update(action: (spec: PackSpec) => PackSpec): boolean {
    try {
      this.spec = action(this.spec);
      this.error = null;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      return false;
    }
    try {
      storage()?.setItem(KEY, JSON.stringify(this.spec));
    } catch {
      // Local storage is small (about 5 MB): frozen snapshots of big tables can fill it. The pack stays open.
      this.error = 'The pack is too big to keep in this browser\'s storage, so it will not survive a restart. Unfreeze large items or remove some.';
    }
    this.schedule();
    return true;
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
}
