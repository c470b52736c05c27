// State layer: the workbook this window has open — its name, the file it came from or was saved to, whether it has
// changed since (the title's marker), and File › New, Open… and Save / Save As…. Each workbook keeps a working copy
// of its own (local storage under its prefix, its imports in their own folder), so opening one never touches
// another's; a file is read and checked whole (lib/services/workbook/file.ts) before anything here changes.
import { readWorkbookFile, writeWorkbookFile, type OpenedWorkbook } from '../lib/services/workbook/file.ts';
import { changeSentence, datasetChanges } from '../lib/workbook/vintage.ts';
import type { OpenTab } from '../lib/workbook/spec.ts';
import { fileStem, newWorkbookId, safeFileName, UNTITLED } from '../lib/workbook/names.ts';
import { newPack } from '../lib/pack/spec.ts';
import type { ChosenWorkbook, OpenedFile, RecentEntry, WorkbookFileRef } from '../lib/host/workbook-files.ts';
import type { LoadedDataset } from '../lib/engine/builtin.ts';
import { localSlots, workbookPrefix, type SlotStore, type TextSlot } from './local-slot.ts';
import { builtinRefs, contentKey, openTabs, workbookContents } from './workbook-contents.ts';
import { Recovery, type SessionRecord } from './recovery.ts';
import { openProblemWords, saveProblemWords } from './workbook-words.ts';
import type { Workbench } from './workbench.svelte.ts';

/** What the analyst asked for that leaves the open workbook: File › New, Open…, or a workbook already chosen. */
export type LeavingAction = 'new' | 'open' | ChosenWorkbook;
/** At most this long after the last change, the recovery copy has it (the issue allows 2 s). */
const AUTOSAVE_MS = 500;
/** A baseline no contents equal: a recovered workbook with unsaved changes stays marked until it is saved. */
const RECOVERED = '\u0000recovered';

/** Now, as ISO text (a timestamp, not reactive state). */
const nowIso = () => new Date().toISOString();

export class CurrentWorkbook {
  /** The working copy's id: '' for the first workbook (the keys the workbench used before workbooks). */
  id = $state('');
  name = $state(UNTITLED);
  /** The file it was opened from or last saved to, or null when it has never been in a file. */
  fileName = $state<string | null>(null);
  notes = $state('');
  busy = $state<'saving' | 'opening' | null>(null);
  /** Why the last Open or Save did not happen, in words (nothing changed). */
  problem = $state<string | null>(null);
  /** A workbook read and checked whose built-in data has changed since: it opens only when the analyst agrees. */
  pending = $state.raw<{ opened: OpenedWorkbook; file: OpenedFile; changes: string[] } | null>(null);
  /** New or Open asked for while the workbook has unsaved changes: the analyst is asked first. */
  leaving = $state.raw<LeavingAction | null>(null);
  /** Workbooks opened or saved lately (File › Recent workbooks), newest first. */
  recent = $state.raw<RecentEntry[]>([]);
  /** Work left by windows that are gone (a crash, a kill, a closed tab), offered back at start. */
  offers = $state.raw<SessionRecord[]>([]);
  private handle: WorkbookFileRef = null;
  private baseline = $state<string | null>(null);
  /** The contents as they stand, as a key (computed once per change, however many views ask). */
  private readonly key = $derived.by(() => contentKey(workbookContents(this.workbench, this.name, this.notes)));
  private notesSlot: TextSlot;
  private autosave: (() => void) | null = null;
  /** The window is closing: its record says so, and no later write may undo that. */
  private left = false;

  constructor(
    private readonly workbench: Workbench,
    private readonly appVersion: string,
    /** The working copy of the workbook with this id. */
    readonly slotsFor: (id: string) => SlotStore = (id) => localSlots(workbookPrefix(id)),
    readonly recovery = new Recovery(),
  ) {
    this.notesSlot = slotsFor('').slot('notes.v1');
    this.notes = this.notesSlot.read() ?? '';
  }

  /** Changed since it was opened, saved or this window started (the title shows a marker; leaving asks). */
  get dirty(): boolean {
    return this.baseline !== null && this.key !== this.baseline;
  }

  /** What the window has now is what "unchanged" means (after start-up, an open, a save). */
  markClean(key = this.key): void {
    this.baseline = key;
  }

  /**
   * The workbench is ready: what it shows is "unchanged", this window claims its lock, work left by windows that
   * are gone is offered, and from now on the recovery copy follows every change within a second.
   */
  async started(): Promise<void> {
    if (this.autosave) return; // an engine restart: the workbook and its recovery copy carry on
    // Busy until the session a reload or restart left is back, so nothing opened meanwhile is pushed aside by it.
    this.busy = 'opening';
    try {
      this.markClean();
      await this.recovery.claim();
      const gone = await this.recovery.orphans();
      // The newest session closed normally comes back by itself (a reload, a restart); a crashed one is offered.
      const back = gone.find((r) => r.closed);
      this.offers = gone.filter((r) => r !== back && (r.dirty || r.tabs.length > 0));
      if (back) await this.recover(back).catch(() => (this.offers = [back, ...this.offers])); // offered, then, in words
    } finally {
      this.busy = null;
    }
    void this.refreshRecent();
    this.autosave ??= $effect.root(() => {
      let timer: ReturnType<typeof setTimeout> | null = null;
      $effect(() => {
        const record = this.sessionRecord();
        JSON.stringify(record); // read every part now, so any change to it runs this again
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => this.left || this.recovery.write({ ...record, updatedAt: nowIso() }), AUTOSAVE_MS);
      });
      return () => timer && clearTimeout(timer);
    });
  }

  /** This window's session as its recovery record keeps it. */
  private sessionRecord() {
    return { workbookId: this.id, name: this.name, fileName: this.fileName, dirty: this.dirty, tabs: openTabs(this.workbench.tabs) };
  }

  /**
   * The window is closing normally (a reload, the window or the app closed): its record is written now, saying so,
   * and the next window takes the session back by itself. Nothing is written before start-up finished.
   */
  leave(): void {
    this.left = true;
    if (this.autosave) this.recovery.write({ ...this.sessionRecord(), updatedAt: nowIso() }, true);
  }

  /** The window came back from the browser's back-forward cache: it is open again, and its record follows it again. */
  stay(): void {
    this.left = false;
    if (this.autosave) this.recovery.write({ ...this.sessionRecord(), updatedAt: nowIso() });
  }

  /** Takes back the work a gone window left: its workbook's working copy, name and open tabs, unsaved as they were. */
  async recover(record: SessionRecord): Promise<void> {
    this.offers = this.offers.filter((r) => r !== record);
    // The workbook open already, with no tab but the overview: nothing to close or read again.
    if (record.workbookId !== this.id || this.workbench.tabs.length > 1) await this.switchTo(record.workbookId);
    Object.assign(this, { name: record.name, fileName: record.fileName, handle: null, problem: null });
    this.reopen(record.tabs);
    if (record.dirty) this.baseline = RECOVERED;
    else this.markClean();
    this.recovery.discard(record.windowId);
  }

  /** The analyst does not want that work back: its record goes (the workbook's saved lists stay in its working copy). */
  discardOffer(record: SessionRecord): void {
    this.offers = this.offers.filter((r) => r !== record);
    this.recovery.discard(record.windowId);
  }

  async refreshRecent(): Promise<void> {
    this.recent = await this.workbench.host.workbookFiles.recent().catch(() => []);
  }

  /** The file just opened or saved goes to the top of the recent list. */
  private async remember(): Promise<void> {
    await this.workbench.host.workbookFiles.remember(this.handle, nowIso()).catch(() => undefined);
    await this.refreshRecent();
  }

  setNotes(text: string): void {
    this.notes = text;
    this.notesSlot.write(text);
  }

  /** File › New: an empty workbook with a working copy of its own; the one open now stays in its own. */
  async newWorkbook(): Promise<void> {
    if (this.busy) return;
    // Busy until the empty workbook stands (its imports are read afresh): the notes cannot be typed in meanwhile, so
    // nothing typed is taken for the new workbook's unchanged state.
    this.busy = 'opening';
    try {
      await this.switchTo(newWorkbookId());
      Object.assign(this, { name: UNTITLED, fileName: null, handle: null, problem: null });
      this.markClean();
    } finally {
      this.busy = null;
    }
  }

  /** File › Open…: the file is checked whole first; a problem leaves everything as it was. */
  async open(file: OpenedFile): Promise<void> {
    this.problem = null;
    let opened: OpenedWorkbook;
    try {
      opened = await readWorkbookFile(file.bytes);
    } catch (err) {
      this.problem = openProblemWords(err, file.name);
      return;
    }
    const titles = Object.fromEntries(this.workbench.datasets.map((d) => [d.def.id, d.def.title]));
    const builtin = this.workbench.datasets.filter((d) => !d.def.imported).map((d) => d.def);
    const changes = datasetChanges(opened.workbook.datasets.builtin, builtin).map((c) => changeSentence(c, titles[c.id] ?? c.id));
    if (changes.length) {
      this.pending = { opened, file, changes };
      return;
    }
    await this.load(opened, file);
  }

  /** The analyst read what changed in the built-in data and opens the workbook anyway (true) or not (false). */
  async answerPending(open: boolean): Promise<void> {
    const pending = this.pending;
    this.pending = null;
    if (open && pending) await this.load(pending.opened, pending.file);
  }

  /** File › Save (over its file where the browser allows) or Save As… (always asks where). */
  async save(saveAs = false): Promise<boolean> {
    const engine = this.workbench.currentEngine();
    if (!engine || this.busy) return false;
    this.problem = null;
    try {
      const target = await this.workbench.host.workbookFiles.chooseSaveTarget(safeFileName(this.name), saveAs ? null : this.handle);
      if (!target) return false;
      this.busy = 'saving';
      const name = this.fileName === null || saveAs || target.name !== this.fileName ? fileStem(target.name) : this.name;
      const savedAt = nowIso();
      const contents = workbookContents(this.workbench, name, this.notes);
      const written = await writeWorkbookFile(engine, contents, { savedAt, appVersion: this.appVersion });
      await target.write(written.bytes);
      Object.assign(this, { name, fileName: target.name, handle: target.handle });
      // What was written is "unchanged": an edit made while the file was being written stays an unsaved change.
      this.markClean(contentKey(contents));
      void this.remember();
      return true;
    } catch (err) {
      this.problem = saveProblemWords(err);
      return false;
    } finally {
      this.busy = null;
    }
  }

  private async load(opened: OpenedWorkbook, file: OpenedFile): Promise<void> {
    const engine = this.workbench.currentEngine();
    if (!engine) {
      this.problem = 'The workbench is still starting. Open the workbook again in a moment.';
      return;
    }
    const { workbook, tables } = opened;
    const clash = workbook.datasets.imported.find((t) => builtinRefs(this.workbench.datasets).some((d) => d.id.toLowerCase() === t.table.toLowerCase()));
    if (clash) {
      this.problem = `The workbook's table "${clash.table}" has the name of a built-in dataset, so the workbook was not opened. Rename the table in the workbench that saved it.`;
      return;
    }
    const previous = this.id;
    this.busy = 'opening';
    try {
      await this.switchTo(newWorkbookId());
      const loaded: LoadedDataset[] = [];
      const imports = this.workbench.imports;
      for (const table of workbook.datasets.imported) {
        if (!imports) throw new Error('this window cannot keep imported tables');
        loaded.push(await imports.adopt(engine, table, tables.get(table.table)!));
      }
      this.workbench.datasets = [...this.workbench.datasets, ...loaded];
      this.workbench.saved.replaceAll(workbook.savedPivots);
      this.workbench.savedQueries.replaceAll(workbook.savedQueries);
      this.workbench.pack.replace(workbook.packs[0] ?? newPack(nowIso().slice(0, 10)));
      this.setNotes(workbook.notes);
      this.reopen(workbook.tabs);
      Object.assign(this, { name: workbook.name, fileName: file.name, handle: file.handle });
      this.markClean();
      void this.remember();
    } catch (err) {
      this.problem = openProblemWords(err, file.name);
      await this.switchTo(previous); // its working copy was never touched
    } finally {
      this.busy = null;
    }
  }

  /** Another workbook's working copy from now on: its tabs close, its stores and imports are read afresh. */
  private async switchTo(id: string): Promise<void> {
    const { workbench } = this;
    for (const tab of [...workbench.tabs]) workbench.closeTab(tab.id, false);
    workbench.closedTabs = [];
    const slots = this.slotsFor(id);
    this.id = id;
    workbench.saved.use(slots);
    workbench.savedQueries.use(slots);
    workbench.history.use(slots);
    workbench.pack.use(slots);
    this.notesSlot = slots.slot('notes.v1');
    this.notes = this.notesSlot.read() ?? '';
    const engine = workbench.currentEngine();
    if (engine && workbench.imports) {
      const restored = await workbench.imports.use(engine, id);
      workbench.datasets = [...workbench.datasets.filter((d) => !d.def.imported), ...restored];
    }
    workbench.invalidatePivots();
  }

  /** The consoles, pivots and pack a workbook had open, opened again as they were. */
  reopen(tabs: readonly OpenTab[]): void {
    const { workbench } = this;
    for (const tab of tabs) {
      if (tab.kind === 'pack') workbench.openPack();
      else if (tab.kind === 'sql') workbench.openSqlConsole(tab.sql, false, tab.savedName, null, tab.title);
      else workbench.openPivot(tab.spec.source, tab.spec, tab.chart, tab.title, tab.savedName);
    }
    if (tabs.length) workbench.activeTabId = workbench.tabs[workbench.tabs.length - 1]!.id;
  }
}
