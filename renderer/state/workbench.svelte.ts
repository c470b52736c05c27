// State layer: the workbench as a whole — engine start-up, the built-in datasets and their row counts, and the
// open tabs. Views read it; only its methods change it. Start-up timings are left as performance marks so the
// benchmark reads what the app itself did.
import type { LoadedDataset } from '../lib/engine/builtin.ts';
import type { Engine, EngineInfo } from '../lib/engine/types.ts';
import type { Host } from '../lib/host/host.ts';
import { SqlConsoleState } from './sql-console.svelte.ts';
import { SqlCatalogState } from './sql-catalog.svelte.ts';
import { RunHistory } from './run-history.svelte.ts';
import { PivotState, newPivotSpec } from './pivot.svelte.ts';
import { PivotRunner } from '../lib/engine/pivot-runner.ts';
import { datasetsInSql, sourceLabels } from '../lib/pack/datasets.ts';
import type { PivotSource, PivotSpec } from '../lib/query/pivot/spec.ts';
import type { PivotChartSpec } from '../lib/viz/pivot-chart.ts';
import { SavedPivots } from './saved-pivots.svelte.ts';
import { SavedQueries, type SavedQuery } from './saved-queries.svelte.ts';
import { PackState } from './pack.svelte.ts';
import { workerProtector, type ProtectionActivity } from '../lib/solver/protect-client.ts';
import type { PackServices } from '../lib/pack/resolve.ts';
import type { Imports } from './imports.svelte.ts';
import type { ImportDraft } from './import-draft.svelte.ts';
import { ProfileState } from './profile.svelte.ts';
import type { LoadDatasets, SaveQueryOutcome, Tab } from './workbench-types.ts';
import { uniqueTitle } from './tab-titles.ts';
import { localSlots, workbookPrefix, type SlotStore } from './local-slot.ts';
import { CurrentWorkbook } from './workbook.svelte.ts';
import { confirmImport, removeImport, renameImport } from './workbench-imports.ts';
import { saveQuery } from './workbench-sql.ts';
import { addPivotToPack, addSavedPivotToPack, packServices, type PackShow } from './workbench-pack.ts';
import { closeTab, moveTab, renameTab, reopenClosedTab, type ClosedTab } from './tab-ops.ts';

export type { LoadDatasets, SaveQueryOutcome, Tab, UnsavedWork } from './workbench-types.ts';

export class Workbench {
  status = $state<'starting' | 'ready' | 'failed'>('starting');
  startupError = $state<string | null>(null);
  info = $state.raw<EngineInfo | null>(null);
  datasets = $state.raw<LoadedDataset[]>([]);
  tabs = $state<Tab[]>([{ id: 'overview', kind: 'overview', title: 'IDMG overview' }]);
  activeTabId = $state('overview');
  /** Tabs closed lately, newest first, so a close can be undone. */
  closedTabs = $state.raw<ClosedTab[]>([]);
  readonly saved: SavedPivots;
  readonly savedQueries: SavedQueries;
  /** Every console run in this workbook, newest first. */
  readonly history: RunHistory;
  /** The briefing pack being composed (one per workbook, kept in its working copy). */
  readonly pack: PackState;
  /** The workbook this window has open: its name, file, unsaved changes and recovery copy. */
  readonly workbook: CurrentWorkbook;
  /** Disclosure control under way (the status bar shows it, with Cancel), or null. */
  protection = $state.raw<ProtectionActivity | null>(null);
  /** What the SQL editors complete from: the engine's tables, columns, functions and keywords. */
  readonly sqlCatalog = new SqlCatalogState(() => this.currentEngine());
  /** Disclosure control, in a worker of its own so big tables never freeze the page; cancel() stops it. */
  readonly protect = workerProtector((activity) => (this.protection = activity));
  private engine: Engine | null = null;
  private pivotRunner: PivotRunner | null = null;
  private sqlCount = 0;
  private pivotCount = 0;
  private profileCount = 0;

  constructor(
    readonly host: Host,
    private readonly createEngine: () => Engine,
    private readonly loadDatasets: LoadDatasets,
    /** The analyst's imported tables and where their files are kept. */
    readonly imports: Imports | null = null,
    /** Where each workbook's working copy is kept (local storage under the workbook's prefix; '' the first). */
    slotsFor: (workbookId: string) => SlotStore = (id) => localSlots(workbookPrefix(id)),
    /** The engine to run when the first cannot start (duckdb-wasm when the native engine fails), if any. */
    private readonly fallbackEngine: (() => Engine) | null = null,
  ) {
    const slots = slotsFor('');
    this.saved = new SavedPivots(slots);
    this.savedQueries = new SavedQueries(slots);
    this.history = new RunHistory(slots);
    this.pack = new PackState(() => this.packServices(), slots);
    this.workbook = new CurrentWorkbook(this, import.meta.env.VITE_APP_VERSION ?? 'dev', slotsFor);
  }

  get activeTab(): Tab | undefined {
    return this.tabs.find((t) => t.id === this.activeTabId);
  }

  /** The threaded engine broke at start-up; the single-threaded one runs instead (createEngine reads this). */
  threadsFailed = $state(false);
  /** Why the native engine could not start (duckdb-wasm runs instead), or null. */
  nativeFailed = $state<string | null>(null);
  /** The engine's process or worker ended (told once, by the status bar, with Restart); restartEngine clears it. */
  engineStopped = $state(false);
  /** The open engine once start-up finished, else null. */
  currentEngine(): Engine | null {
    return this.status === 'ready' ? this.engine : null;
  }

  async start(): Promise<void> {
    try {
      performance.mark('engine-start');
      const engine = this.nativeFailed === null || !this.fallbackEngine ? this.createEngine() : this.fallbackEngine();
      try {
        this.info = await engine.open();
      } catch (err) {
        await engine.close().catch(() => undefined);
        if (!this.fallbackEngine || this.nativeFailed !== null) throw err;
        this.nativeFailed = err instanceof Error ? err.message : String(err);
        return await this.start();
      }
      this.engine = engine;
      this.pivotRunner = new PivotRunner(engine, (source) => sourceLabels(source, this.datasets.map((d) => d.def)));
      await engine.query('SELECT 1');
      performance.measure('engine-start-to-first-query', 'engine-start');
      performance.mark('datasets-start');
      this.datasets = await this.loadDatasets(engine);
      performance.measure('datasets-load', 'datasets-start');
      // A checked built-in file failing in the threaded bundle means the engine broke (stale memory view): go single-threaded.
      if (this.info.bundle === 'coi' && this.datasets.some((d) => d.error !== null) && !this.threadsFailed) {
        this.threadsFailed = true;
        this.engine = null;
        this.info = null;
        await engine.close().catch(() => undefined);
        return await this.start();
      }
      if (this.imports) this.datasets = [...this.datasets, ...(await this.imports.restore(engine))];
      this.status = 'ready';
      void this.sqlCatalog.refresh();
      await this.workbook.started();
    } catch (err) {
      this.status = 'failed';
      this.startupError = err instanceof Error ? err.message : String(err);
    }
  }

  /**
   * The last resort after a cancelled query will not stop: end the engine's worker and start a new engine with
   * the built-in datasets. Tables created in this session are gone with the old engine; the console says so.
   */
  async restartEngine(): Promise<void> {
    const old = this.engine;
    this.engine = null;
    this.engineStopped = false;
    this.status = 'starting';
    this.info = null;
    this.datasets = [];
    for (const tab of this.tabs) if (tab.kind === 'sql') tab.console.engineRestarted();
    await old?.close().catch(() => undefined);
    await this.start();
  }

  /** A new SQL console; `run` runs its SQL at once (drill-through, "open this SQL"); `name`, `savedAt` for a saved query. */
  openSqlConsole(sql = '', run = false, name: string | null = null, savedAt: string | null = null, title?: string): void {
    this.sqlCount += 1;
    const id = `sql-${this.sqlCount}`;
    // Typed SQL can change any table, so pivots forget their cached aggregates after each console query, and
    // completion (and the sidebar's list of tables made in the session) reads the tables again.
    const published = () => this.datasets.filter((d) => d.error === null && !d.def.imported).map((d) => d.def.id);
    const console = new SqlConsoleState({
      engine: () => this.currentEngine(),
      sql,
      afterQuery: () => (this.pivotRunner?.invalidate(), this.sqlCatalog.refresh()),
      savedName: name,
      savedVersion: savedAt,
      published,
      recordRun: (r) => this.history.add(r),
      exports: { synthetic: (text) => datasetsInSql(text, this.datasets.map((d) => d.def)).some((d) => d.synthetic === true), appVersion: import.meta.env.VITE_APP_VERSION ?? 'dev' },
    });
    this.tabs.push({ id, kind: 'sql', title: uniqueTitle(title ?? name ?? `SQL ${this.sqlCount}`, this.tabs), console });
    this.activeTabId = id;
    if (run) void console.run();
  }

  /** A new pivot over a table or saved query, or a saved pivot reopened exactly as it was. */
  openPivot(source: PivotSource, spec?: PivotSpec, chart?: PivotChartSpec | null, title?: string, savedName: string | null = null): void {
    this.pivotCount += 1;
    const id = `pivot-${this.pivotCount}`;
    const pivot = new PivotState(() => (this.status === 'ready' ? this.pivotRunner : null), this.protect, () => this.saved.items, spec ?? newPivotSpec(source, this.datasets.map((d) => d.def)), chart ?? null, spec === undefined, () => this.datasets.map((d) => d.def));
    pivot.savedName = savedName;
    this.tabs.push({ id, kind: 'pivot', title: uniqueTitle(title ?? `Pivot ${this.pivotCount}`, this.tabs), pivot });
    this.activeTabId = id;
    void pivot.load();
  }

  /** Saves a console's SQL by name (state/workbench-sql.ts says how a save made elsewhere meanwhile is told). */
  saveQuery(tabId: string, name: string, replaceChangedElsewhere = false): SaveQueryOutcome | null {
    return saveQuery(this, tabId, name, replaceChangedElsewhere);
  }

  /** The data under the pivots changed (tables came or went): cached aggregates are stale. */
  invalidatePivots(): void {
    this.pivotRunner?.invalidate();
  }

  /** Another window changed local storage (`key`, or null when it was cleared): show its version here. */
  storageChanged(key: string | null): void {
    if (this.saved.concerns(key)) this.saved.reload();
    if (this.savedQueries.concerns(key)) this.savedQueries.reload();
    if (this.history.concerns(key)) this.history.reload();
    this.pack.storageChanged(key);
  }

  /** A pivot over a saved query: the pivot reads the query as a subquery, under the query's name. */
  pivotSavedQuery(query: SavedQuery): void {
    this.openPivot({ kind: 'query', name: query.name, sql: query.sql }, undefined, null, `Pivot of ${query.name}`);
  }

  /** The run history, searchable, each run reopened in a console. */
  openHistory(): void {
    if (!this.tabs.some((t) => t.id === 'history')) this.tabs.push({ id: 'history', kind: 'history', title: 'Run history' });
    this.activeTabId = 'history';
  }

  openPack(): void {
    if (!this.tabs.some((t) => t.id === 'pack')) this.tabs.push({ id: 'pack', kind: 'pack', title: 'Briefing pack' });
    this.activeTabId = 'pack';
    this.pack.schedule();
  }

  /** What a pack needs to resolve its items, over the running engine (null while it starts). */
  packServices = (): PackServices | null => packServices(this);
  /** "Add to pack" from a pivot: its table, its chart or both, as a live item. */
  addPivotToPack = (pivot: PivotState, show: PackShow): void => addPivotToPack(this, pivot, show);
  /** A saved pivot as a pack item that follows it (re-saving the pivot updates the pack). */
  addSavedPivotToPack = (name: string, show: PackShow): void => addSavedPivotToPack(this, name, show);

  /** The import tab; with a file (picked, dropped or pasted), its preview — as a new version of table `replacing`, if named. */
  openImport(file?: Blob, name?: string, replacing?: string): void {
    if (!this.tabs.some((t) => t.id === 'import')) this.tabs.push({ id: 'import', kind: 'import', title: 'Import data' });
    this.activeTabId = 'import';
    const engine = this.currentEngine();
    if (file && engine) void this.imports?.begin(engine, file, name ?? 'file', this.datasets.map((d) => d.def.id), replacing);
  }

  /** Creates the tables of the import being previewed and lists them with the datasets. */
  confirmImport(draft: ImportDraft): Promise<void> {
    return confirmImport(this, draft);
  }

  /** Removes an imported table, its stored file and its tab. */
  removeImport(table: string): Promise<void> {
    return removeImport(this, table);
  }

  /** Renames an imported table or changes its title and description. */
  renameImport(table: string, next: { table: string; title: string; description: string }): Promise<void> {
    return renameImport(this, table, next);
  }

  openDataset(datasetId: string): void {
    const id = `dataset-${datasetId}`;
    const loaded = this.datasets.find((d) => d.def.id === datasetId);
    if (!loaded) return;
    if (!this.tabs.some((t) => t.id === id)) {
      // The dataset's page shows its column profiles: the built-in tables are small, so they are computed at once.
      const profile = this.newProfile(datasetId, loaded.def.title);
      this.tabs.push({ id, kind: 'dataset', title: loaded.def.title, datasetId, profile });
      void profile.load();
    }
    this.activeTabId = id;
  }

  /**
   * The column profiles of any table — built-in, imported, or made in a console — under a readable title (the
   * table's name unless given). A table whose profile tab is open already is shown there again.
   */
  openProfile(table: string, title = table): void {
    const open = this.tabs.find((t) => t.kind === 'profile' && t.profile.table === table);
    if (open) {
      this.activeTabId = open.id;
      return;
    }
    this.profileCount += 1;
    const id = `profile-${this.profileCount}`;
    const profile = this.newProfile(table, title);
    this.tabs.push({ id, kind: 'profile', title: uniqueTitle(`Profile of ${title}`, this.tabs), profile });
    this.activeTabId = id;
    void profile.load();
    void profile.loadTables();
  }

  /** A profile tab switches to another table (picked in the tab): named after it, profiled afresh. */
  showProfile(tabId: string, table: string): void {
    const tab = this.tabs.find((t) => t.id === tabId);
    if (tab?.kind !== 'profile') return;
    tab.title = uniqueTitle(`Profile of ${table}`, this.tabs, tab.id);
    void tab.profile.show(table);
  }

  private newProfile(table: string, title: string): ProfileState {
    return new ProfileState(() => this.currentEngine(), table, title, async () => (await this.pivotRunner?.tables()) ?? [table]);
  }

  /** Closes a tab, kept for "Reopen" unless `remember` is false (a workbook switch closes its tabs for good). */
  closeTab(id: string, remember = true): void {
    closeTab(this, id, remember);
  }

  reopenClosedTab = (): void => reopenClosedTab(this);
  renameTab = (id: string, name: string): void => renameTab(this, id, name);
  moveTab = (id: string, delta: -1 | 1): void => moveTab(this, id, delta);
}
