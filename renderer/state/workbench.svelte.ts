// State layer: the workbench as a whole — engine start-up, the built-in datasets and their row counts, and the
// open tabs. Views read it; only its methods change it. Start-up timings are left as performance marks so the
// benchmark reads what the app itself did.
import type { LoadedDataset } from '../lib/engine/builtin.ts';
import type { Engine, EngineInfo } from '../lib/engine/types.ts';
import type { Host } from '../lib/host/host.ts';
import { SqlConsoleState } from './sql-console.svelte.ts';

export type Tab =
  | { id: string; kind: 'overview'; title: string }
  | { id: string; kind: 'sql'; title: string; console: SqlConsoleState }
  | { id: string; kind: 'dataset'; title: string; datasetId: string };

export type LoadDatasets = (engine: Engine) => Promise<LoadedDataset[]>;

export class Workbench {
  status = $state<'starting' | 'ready' | 'failed'>('starting');
  startupError = $state<string | null>(null);
  info = $state.raw<EngineInfo | null>(null);
  datasets = $state.raw<LoadedDataset[]>([]);
  tabs = $state<Tab[]>([{ id: 'overview', kind: 'overview', title: 'IDMG overview' }]);
  activeTabId = $state('overview');
  private engine: Engine | null = null;
  private sqlCount = 0;

  constructor(
    readonly host: Host,
    private readonly createEngine: () => Engine,
    private readonly loadDatasets: LoadDatasets,
  ) {}

  get activeTab(): Tab | undefined {
    return this.tabs.find((t) => t.id === this.activeTabId);
  }

  /** The open engine once start-up finished, else null. */
  currentEngine(): Engine | null {
    return this.status === 'ready' ? this.engine : null;
  }

  async start(): Promise<void> {
    try {
      performance.mark('engine-start');
      const engine = this.createEngine();
      this.info = await engine.open();
      this.engine = engine;
      await engine.query('SELECT 1');
      performance.measure('engine-start-to-first-query', 'engine-start');
      performance.mark('datasets-start');
      this.datasets = await this.loadDatasets(engine);
      performance.measure('datasets-load', 'datasets-start');
      this.status = 'ready';
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
    this.status = 'starting';
    this.info = null;
    this.datasets = [];
    for (const tab of this.tabs) if (tab.kind === 'sql') tab.console.engineRestarted();
    await old?.close().catch(() => undefined);
    await this.start();
  }

  openSqlConsole(sql = ''): void {
    this.sqlCount += 1;
    const id = `sql-${this.sqlCount}`;
    const console = new SqlConsoleState(() => this.currentEngine(), sql);
    this.tabs.push({ id, kind: 'sql', title: `SQL ${this.sqlCount}`, console });
    this.activeTabId = id;
  }

  openDataset(datasetId: string): void {
    const id = `dataset-${datasetId}`;
    const loaded = this.datasets.find((d) => d.def.id === datasetId);
    if (!loaded) return;
    if (!this.tabs.some((t) => t.id === id)) this.tabs.push({ id, kind: 'dataset', title: loaded.def.title, datasetId });
    this.activeTabId = id;
  }

  closeTab(id: string): void {
    const index = this.tabs.findIndex((t) => t.id === id);
    if (index < 0 || this.tabs[index]?.kind === 'overview') return;
    this.tabs.splice(index, 1);
    if (this.activeTabId === id) this.activeTabId = this.tabs[Math.max(0, index - 1)]?.id ?? 'overview';
  }
}
