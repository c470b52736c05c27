// State layer: one pivot tab — the spec the analyst is arranging (replaced whole by pure actions, never mutated),
// the source's schema, the last run (layout + the SQL that ran) and the chart settings. Each change re-runs the
// pivot; a slower earlier run can never overwrite a newer one.
import { type ColumnCount, type PivotRunner, type PivotRun } from '../lib/engine/pivot-runner.ts';
import { columnAxisKey } from '../lib/query/pivot/column-count.ts';
import { SvelteSet } from 'svelte/reactivity';
import { parsePivotSpec } from '../lib/query/pivot/parse.ts';
import type { PivotSource, PivotSpec, Scalar } from '../lib/query/pivot/spec.ts';
import type { FieldSchema } from '../lib/query/pivot/types.ts';
import { defaultPivotChartSpec, followChartDefaults, specChartFields, type PivotChartSpec } from '../lib/viz/pivot-chart.ts';
import { QueryError } from '../lib/engine/types.ts';
import { explainQueryError } from '../lib/engine/explain-error.ts';
import type { OwnTotals } from '../lib/engine/own-totals.ts';
import { setFilter, setProtection } from '../lib/query/pivot/actions.ts';
import { linkGroup, protectPivotsTogether, type LinkedPivot } from '../lib/sdc/pivot-link.ts';
import { pivotSdcTable, protectedPivot, type ProtectedPivot } from '../lib/sdc/pivot-protect.ts';
import { ProtectionCancelledError, type Protector } from '../lib/solver/protect-client.ts';
import type { DatasetDef } from '../lib/engine/manifest.ts';
import { publishedSource } from '../lib/pack/datasets.ts';
import { DEFAULT_SDC_RULES } from '../lib/sdc/rules.ts';

export type Heatmap = 'none' | 'table' | 'rows' | 'columns';

/**
 * A new pivot's spec. Over figures already published (a built-in official table) disclosure control starts off;
 * over anything unpublished (an imported file, a table made in a console, a query, synthetic records) it starts on.
 */
export function newPivotSpec(source: PivotSource, datasets: DatasetDef[] = []): PivotSpec {
  const spec = parsePivotSpec({ version: 1, source, values: [{ field: null, aggregate: 'count' }] });
  return publishedSource(source, datasets) ? spec : setProtection(spec, { value: 0, rules: DEFAULT_SDC_RULES });
}

export class PivotState {
  spec = $state.raw<PivotSpec>() as PivotSpec;
  schema = $state.raw<FieldSchema[]>([]);
  /** Every table the pivot could read instead (built-in and created in this session). */
  tables = $state.raw<string[]>([]);
  run = $state.raw<PivotRun | null>(null);
  error = $state<string | null>(null);
  running = $state(false);
  showSql = $state(false);
  heatmap = $state<Heatmap>('none');
  chart = $state.raw<PivotChartSpec | null>(null);
  /** The name this pivot was saved under or opened from, if any. */
  savedName = $state<string | null>(null);
  /** Total rows/columns found in the source's own data, and whether they add up. */
  ownTotals = $state.raw<OwnTotals | null>(null);
  /** Rows labelled as totals that a new pivot leaves out (by a visible filter), so nothing is counted twice. */
  excludedTotals = $state.raw<string[]>([]);
  /** "Protect for publication": the pivot as it would be published, or why it could not be protected. */
  protected = $state.raw<ProtectedPivot | null>(null);
  protecting = $state(false);
  protectError = $state<string | null>(null);
  /** "Ask first": the pivot's columns would be too many (see column-count.ts); it waits until the analyst agrees. */
  wideColumns = $state.raw<(ColumnCount & { fields: string[] }) | null>(null);
  /** Column axes (columnAxisKey) the analyst agreed to see however wide. */
  private readonly agreedWide = new SvelteSet<string>();
  private sequence = 0;
  /**
   * Which load is current: the source can change while an earlier source's fields and own totals are still being
   * read, and that earlier load must then leave nothing behind (no schema, no filters of another table).
   */
  private loadGeneration = 0;
  /** Reading the source's fields and its own totals: the fields are offered once this is done. */
  loadingSource = $state(false);
  /** The chart settings the pivot suggested last time, to tell the analyst's edits from defaults. */
  private autoChart: PivotChartSpec | null = null;

  /** @param fresh a new pivot (not a saved one reopened): it may add filters that leave the source's total rows out. */
  constructor(
    private readonly runner: () => PivotRunner | null,
    private readonly protector: Protector,
    /** The saved pivots (those marked "published together" are protected jointly with this one when it is marked). */
    private readonly savedPivots: () => readonly { name: string; spec: PivotSpec }[],
    spec: PivotSpec,
    chart: PivotChartSpec | null = null,
    private fresh = false,
    /** The datasets' manifests: whether a new source's figures are already published (protection starts off). */
    private readonly datasets: () => DatasetDef[] = () => [],
  ) {
    this.spec = spec;
    this.chart = chart;
  }

  get sourceName(): string {
    return this.spec.source.kind === 'table' ? this.spec.source.table : this.spec.source.name;
  }

  async load(): Promise<void> {
    const runner = this.runner();
    if (!runner) return;
    const mine = ++this.loadGeneration;
    const current = () => mine === this.loadGeneration;
    this.loadingSource = true;
    try {
      const tables = await runner.tables();
      if (!current()) return;
      this.tables = tables;
      const source = this.spec.source;
      const schema = await runner.schema(source);
      if (!current()) return;
      // The fields are offered only once the source's own totals are known, so the filter that leaves total rows
      // out is in the spec before the analyst can place a field: however quick the analyst, nothing is counted twice.
      const ownTotals = await runner.ownTotals(source, schema);
      if (!current()) return;
      this.ownTotals = ownTotals;
      if (this.fresh) {
        this.fresh = false;
        this.excludedTotals = ownTotals.rows.map(({ finding }) => finding.column);
        for (const { finding } of ownTotals.rows) this.spec = setFilter(this.spec, { field: finding.column, op: 'not_in', values: finding.labels });
      }
      this.schema = schema;
      this.loadingSource = false;
      performance.mark('pivot-source-ready', { detail: { source: this.sourceName } });
      await this.refresh();
    } catch (err) {
      if (!current()) return;
      const message = err instanceof QueryError ? explainQueryError(err.engineMessage, err.kind, err.subject).summary : err instanceof Error ? err.message : String(err);
      this.error = message.startsWith('The data engine stopped') ? message : `The source ${this.sourceName} could not be read: ${message}`;
    } finally {
      if (current()) this.loadingSource = false;
    }
  }

  /** Start over on another table: a new spec, the new source's schema. */
  async changeSource(source: PivotSource): Promise<void> {
    this.sequence++;
    this.spec = newPivotSpec(source, this.datasets());
    this.fresh = true;
    this.ownTotals = null;
    this.excludedTotals = [];
    this.schema = [];
    this.run = null;
    this.chart = null;
    this.error = null;
    await this.load();
  }

  async distinctValues(field: string): Promise<{ values: Scalar[]; more: boolean }> {
    const runner = this.runner();
    return runner ? runner.distinct(this.spec.source, field) : { values: [], more: false };
  }

  /** Apply a pure action to the spec and re-run. */
  update(action: (spec: PivotSpec) => PivotSpec): void {
    try {
      this.spec = action(this.spec);
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      return;
    }
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const runner = this.runner();
    if (!runner || this.schema.length === 0) return;
    const mine = ++this.sequence;
    this.running = true;
    try {
      if (!(await this.columnsAgreed(runner, mine))) return;
      const run = await runner.run(this.spec, this.schema);
      if (mine !== this.sequence) return;
      this.run = run;
      this.error = null;
      this.followDefaults(run);
      await this.protect(run, mine);
    } catch (err) {
      if (mine !== this.sequence) return;
      this.error = err instanceof QueryError ? explainQueryError(err.engineMessage, err.kind, err.subject).summary : err instanceof Error ? err.message : String(err);
    } finally {
      if (mine === this.sequence) this.running = false;
    }
  }

  /** False (and the question asked) when the columns would be too many and the analyst has not agreed yet. */
  private async columnsAgreed(runner: PivotRunner, mine: number): Promise<boolean> {
    const spec = this.spec;
    const count = spec.columns.length > 0 && !this.agreedWide.has(columnAxisKey(spec)) ? await runner.columnCount(spec, this.schema) : null;
    if (mine !== this.sequence) return false;
    this.wideColumns = count?.wide ? { ...count, fields: spec.columns } : null;
    if (this.wideColumns) this.run = null; // the last table no longer matches the fields: show the question alone
    return this.wideColumns === null;
  }

  /** The analyst's answer to the question: show all the columns anyway. */
  showWideColumns(): void {
    this.agreedWide.add(columnAxisKey(this.spec));
    void this.refresh();
  }

  /**
   * A new chart gets its kind, titles and number format from the pivot's fields and values; as they change, settings
   * the analyst has not edited follow (a setting still equal to the last default is not the analyst's), edited ones
   * are kept. So the chart depends on the pivot as it stands, never on which of several quick runs landed first.
   */
  private followDefaults(run: PivotRun): void {
    const auto = defaultPivotChartSpec(run.layout);
    const was = this.autoChart;
    this.autoChart = auto;
    const chart = this.chart;
    if (chart === null || chart.valueIndex >= run.layout.values.length) this.chart = auto;
    else if (was) {
      const next = followChartDefaults(chart, was, auto);
      if (JSON.stringify(next) !== JSON.stringify(chart)) this.chart = next;
    }
  }

  /** The chart as the pivot's spec stands now (a run still under way cannot leave it one step behind), or null. */
  chartForSpec(): PivotChartSpec | null {
    if (this.chart === null || this.chart.valueIndex >= this.spec.values.length) return null;
    // Labelled as a run would label it (the source's manifest labels), so the defaults compare like for like.
    const fields = specChartFields(this.spec, this.runner()?.labels(this.spec.source));
    return this.autoChart ? followChartDefaults(this.chart, this.autoChart, defaultPivotChartSpec(fields)) : this.chart;
  }

  /** The chart as the analyst set it, or null while it is still the one the pivot suggests (a workbook saves this). */
  editedChart(): PivotChartSpec | null {
    const chart = this.chartForSpec();
    if (chart === null || this.autoChart === null) return chart;
    const fields = specChartFields(this.spec, this.runner()?.labels(this.spec.source));
    return JSON.stringify(chart) === JSON.stringify(defaultPivotChartSpec(fields)) ? null : chart;
  }

  /** Protects the laid-out pivot when the switch is on; a newer run or change supersedes a slower protection. */
  private async protect(run: PivotRun, mine: number): Promise<void> {
    const setting = this.spec.protection;
    if (!setting) {
      this.protected = null;
      this.protectError = null;
      return;
    }
    this.protecting = true;
    this.protected = null; // never show figures protected for an earlier layout
    try {
      performance.mark('pivot-protect-start');
      const others = setting.together ? await this.publishedWith(setting) : [];
      let shown: ProtectedPivot;
      if (others.length > 0) {
        const self = { caption: this.savedName ?? 'this pivot', spec: this.spec, layout: run.layout, valueIndex: setting.value, rules: setting.rules };
        shown = (await protectPivotsTogether([self, ...others], this.protector)).pivots[0]!;
      } else {
        const sdc = pivotSdcTable(run.layout, setting.value);
        shown = protectedPivot(this.spec, run.layout, setting.value, sdc, await this.protector(sdc.table, setting.rules), setting.rules);
      }
      performance.measure('pivot-protect', 'pivot-protect-start');
      if (mine !== this.sequence) return;
      this.protected = shown;
      this.protectError = null;
    } catch (err) {
      if (mine !== this.sequence) return;
      this.protected = null;
      this.protectError =
        err instanceof ProtectionCancelledError ? `${err.message} Press “Protect again” when you are ready.`
        : `This table could not be protected, so nothing in it is ready to publish: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      if (mine === this.sequence) this.protecting = false;
    }
  }

  /** The other saved pivots marked "published together" that count the same records the same way, laid out now. */
  private async publishedWith(setting: NonNullable<PivotSpec['protection']>): Promise<LinkedPivot[]> {
    const runner = this.runner();
    if (!runner) return [];
    const group = linkGroup(this.spec, setting.value, setting.rules);
    const out: LinkedPivot[] = [];
    for (const saved of this.savedPivots()) {
      const p = saved.spec.protection;
      if (saved.name === this.savedName || !p?.together || linkGroup(saved.spec, p.value, p.rules) !== group) continue;
      const run = await runner.run(saved.spec, await runner.schema(saved.spec.source));
      out.push({ caption: saved.name, spec: saved.spec, layout: run.layout, valueIndex: p.value, rules: p.rules });
    }
    return out;
  }
}
