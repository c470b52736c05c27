// State layer: one import in progress — the file read, each table it holds staged and previewed, the analyst's
// names and types — until they confirm (tables created and stored) or cancel (staging dropped, nothing created).
// A failure at any step leaves a worded message here and every table already loaded untouched.
import type { Table } from 'apache-arrow';
import type { Engine } from '../lib/engine/types.ts';
import { describeImportError, describeWarning, keptBeforeStop } from '../lib/io/import/import-words.ts';
import { ImportError, type Detected } from '../lib/io/import/types.ts';
import { commitImport, commitReplacement, fileFacts, type FileFacts, type FileReaders, type Imported, type ReadTable } from '../lib/services/import/importer.ts';
import type { ImportRecord } from '../lib/services/import/record.ts';
import type { ImportStore } from '../lib/services/import/store.ts';
import { TableImport, type ColumnDraft } from '../lib/services/import/table-import.ts';
import { tableNameFor, tableNameProblem } from '../lib/query/import/names.ts';
import type { ImportType } from '../lib/query/import/text-sql.ts';
import { columnWarnings } from '../lib/services/import/column-words.ts';

export class DraftTable {
  include = $state(true);
  table = $state('');
  title = $state('');
  columns = $state<ColumnDraft[]>([]);
  preview = $state.raw<Table | null>(null);
  previewError = $state<string | null>(null);

  constructor(
    readonly read: ReadTable,
    readonly staged: TableImport,
  ) {}

  /** Why this table's name cannot be used, in words, or null. */
  nameProblem(taken: string[]): string | null {
    const problem = tableNameProblem(this.table, taken);
    if (problem === 'empty') return 'Give the table a name.';
    if (problem === 'characters') return 'Use letters, digits and underscores only, starting with a letter (for example cases_2023).';
    if (problem === 'taken') return `A table called ${this.table} already exists: choose another name.`;
    return null;
  }

  /** The reader's warnings and the columns' own, worded. */
  get warnings(): string[] {
    return [...this.read.warnings.map((w) => describeWarning(w)), ...columnWarnings(this.columns)];
  }
}

export class ImportDraft {
  status = $state<'reading' | 'ready' | 'importing' | 'done' | 'failed'>('reading');
  /** What is happening now, and how far (0–1) when known. */
  progress = $state<{ label: string; fraction: number | null } | null>(null);
  error = $state<string | null>(null);
  tables = $state<DraftTable[]>([]);
  detected = $state.raw<Detected[]>([]);
  skipped = $state.raw<{ name: string; why: string }[]>([]);
  imported = $state.raw<Imported[]>([]);
  private facts: Promise<FileFacts> | null = null;
  /** The analyst's answer to "first row holds the column names?" for delimited text; undefined: as detected. */
  private header: boolean | undefined = undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly engine: Engine,
    private readonly store: ImportStore,
    private readonly readers: FileReaders,
    readonly file: Blob,
    readonly fileName: string,
    /** Every table name in use, so a new one never replaces it. */
    private readonly taken: () => string[],
    /** The imported table this file is a new version of (its one table then takes that table's place), or null. */
    readonly replacing: ImportRecord | null = null,
  ) {}

  /** Reads the file and stages every table it holds for the preview. */
  async open(): Promise<void> {
    performance.mark('import-open');
    try {
      this.progress = { label: `Reading ${this.fileName}…`, fraction: null };
      const outcome = await this.readers.read(this.file, this.fileName, { header: this.header });
      // The SHA-256 is read alongside the preview: a big file's hash is ready by the time the analyst confirms.
      this.facts ??= fileFacts(this.file, this.fileName, outcome.format);
      this.detected = outcome.detected;
      this.skipped = outcome.skipped;
      const names = [...this.taken()];
      if (this.replacing && outcome.tables.length > 1) outcome.tables.splice(0, outcome.tables.length, outcome.tables.find((t) => t.sheet === this.replacing?.sheet) ?? outcome.tables[0]!);
      for (const read of outcome.tables) {
        const staged = new TableImport(this.engine, read.source, this.fileName);
        await staged.stage();
        const table = new DraftTable(read, staged);
        table.columns = await staged.infer(read.names);
        table.table = tableNameFor(this.fileName, outcome.tables.length > 1 ? read.sheet : null, names);
        names.push(table.table);
        table.title = read.title ?? (read.sheet ? `${this.fileName}, ${read.sheet}` : this.fileName);
        if (this.replacing) this.carryOver(table, this.replacing);
        this.tables.push(table);
        await this.refreshPreview(table);
      }
      // Timings on the page's timeline, for the bench: file picked to preview shown, and confirm to tables created.
      performance.measure('import-preview', 'import-open');
      this.status = 'ready';
    } catch (err) {
      this.fail(err);
    } finally {
      this.progress = null;
    }
  }

  /** A new version keeps the table's name and title, and each column found again keeps the name and type chosen before. */
  private carryOver(table: DraftTable, old: ImportRecord): void {
    table.table = old.table;
    table.title = old.title;
    table.columns = table.columns.map((c) => {
      const before = old.columns.find((o) => o.original === c.original);
      return before ? { ...c, name: before.name, type: before.type, dates: before.dates } : c;
    });
  }

  /** Delimited text: reads the file again with its first row as the column names, or as data; names and titles given are kept. */
  async setHeader(header: boolean): Promise<void> {
    if (this.status !== 'ready') return;
    const given = this.tables.map((t) => ({ table: t.table, title: t.title }));
    this.status = 'reading';
    this.header = header;
    await this.discard();
    this.tables = [];
    await this.open();
    this.tables.forEach((t, i) => Object.assign(t, given[i] ?? {}));
  }

  /** Renames a column or changes its type, and shows the preview again. */
  async setColumn(table: DraftTable, index: number, patch: { name?: string; type?: ImportType }): Promise<void> {
    table.columns = table.columns.map((c, i) => (i === index ? { ...c, ...patch } : c));
    await this.refreshPreview(table);
  }

  async refreshPreview(table: DraftTable): Promise<void> {
    try {
      table.preview = (await table.staged.preview(table.columns)).table;
      table.previewError = null;
    } catch (err) {
      table.previewError = err instanceof Error ? err.message : String(err);
    }
  }

  /** Why the analyst cannot confirm yet, or null. */
  get blocker(): string | null {
    const chosen = this.tables.filter((t) => t.include);
    if (chosen.length === 0) return 'Choose at least one table to import.';
    const taken = this.taken();
    for (const t of chosen) {
      const others = [...taken, ...chosen.filter((o) => o !== t).map((o) => o.table)];
      const problem = t.nameProblem(others);
      if (problem) return problem;
      const names = t.columns.map((c) => c.name.trim().toLowerCase());
      if (names.some((n) => n === '')) return `Every column of ${t.table} needs a name.`;
      if (names.some((n, i) => names.indexOf(n) !== i)) return `Two columns of ${t.table} have the same name.`;
    }
    return null;
  }

  /** Creates and stores the chosen tables; returns what was imported (also kept in `imported`). */
  async confirm(): Promise<Imported[]> {
    if (this.status !== 'ready' || this.blocker) return [];
    this.status = 'importing';
    performance.mark('import-confirm');
    const done: Imported[] = [];
    try {
      this.progress = { label: `Checking ${this.fileName} (SHA-256)…`, fraction: null };
      const facts = await this.facts!;
      for (const t of this.tables.filter((x) => x.include)) {
        const label = `Creating ${t.table}…`;
        this.progress = { label, fraction: null };
        const confirmed = { table: t.table, title: t.title.trim() || t.table, description: t.read.title ?? '', notes: t.read.notes, columns: t.columns };
        const onProgress = (fraction: number) => (this.progress = { label, fraction });
        const options = { onProgress, signal: this.stopping.signal };
        done.push(
          this.replacing
            ? await commitReplacement(this.engine, this.store, this.file, facts, t.read, t.staged, confirmed, this.replacing, options)
            : await commitImport(this.engine, this.store, this.file, facts, t.read, t.staged, confirmed, options),
        );
      }
      this.imported = done;
      performance.measure('import-create', 'import-confirm');
      this.status = 'done';
    } catch (err) {
      this.imported = done;
      this.fail(err, done);
    } finally {
      this.progress = null;
      await this.discard();
    }
    return done;
  }

  /**
   * Stops an import under way at its next piece (a delimited file goes in 32 MB at a time): the table being created
   * is dropped, tables of this file already created stay (and are listed), and nothing else is added. The running
   * statement is left to finish its piece rather than cancelled, since the engine's cancel would stop whatever query
   * runs at that moment, perhaps another tab's.
   */
  stop(): void {
    if (this.status !== 'importing') return;
    this.stopping.abort();
  }

  /** Drops every staged table and file: nothing of this import is left in the engine but what was confirmed. */
  async discard(): Promise<void> {
    for (const t of this.tables) await t.staged.discard();
  }

  private fail(err: unknown, kept: Imported[] = []): void {
    this.status = 'failed';
    const said = err instanceof ImportError ? describeImportError(err) : `${this.fileName} could not be imported: ${err instanceof Error ? err.message : String(err)}. The table was not created; the tables already loaded are unchanged.`;
    this.error = said + keptBeforeStop(kept.map((k) => k.record.table));
  }
}
