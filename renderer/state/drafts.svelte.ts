// State layer: text typed into a field but not yet applied (pack fields apply when the analyst leaves them). Kept
// here rather than only in the input, so that a reload from another window's change does not wipe it, closing and
// reopening the tab shows it again, and leaving the page can ask first (see unsaved.ts).
export class Drafts {
  private texts = $state.raw<Record<string, string>>({});

  /** The typed text for this field, or undefined when what it shows is applied. */
  get(key: string): string | undefined {
    return this.texts[key];
  }

  /** Records typing; text equal to the applied value is no draft. */
  set(key: string, text: string, applied: string): void {
    if (text === applied) this.clear(key);
    else this.texts = { ...this.texts, [key]: text };
  }

  clear(key: string): void {
    if (!(key in this.texts)) return;
    const { [key]: _, ...rest } = this.texts;
    this.texts = rest;
  }

  /** Forgets drafts whose field is gone (its item was removed); `keep` says which keys still have a field. */
  prune(keep: (key: string) => boolean): void {
    const rest = Object.fromEntries(Object.entries(this.texts).filter(([k]) => keep(k)));
    if (Object.keys(rest).length !== Object.keys(this.texts).length) this.texts = rest;
  }

  get keys(): string[] {
    return Object.keys(this.texts);
  }
}
