// State layer: the analyst's imported tables — rebuilt from their stored files at every start, added by an import,
// renamed, re-imported from a new version of the file, and removed. Each appears among the datasets as an
// unpublished dataset with its provenance; one that cannot be rebuilt is listed with the reason, its file kept.
import type { LoadedDataset } from '../lib/engine/builtin.ts';
import type { Engine } from '../lib/engine/types.ts';
import { quoteIdent } from '../lib/query/quote.ts';
import { importedDatasetDef, type ImportRecord } from '../lib/services/import/record.ts';
import { restoreImport, type FileReaders, type Imported, type RestoreProblem } from '../lib/services/import/importer.ts';
import type { ImportStore } from '../lib/services/import/store.ts';
import type { StatusOutcome } from '../lib/services/import/outcome.ts';
import { ImportDraft } from './import-draft.svelte.ts';
import type { EmbeddedTable } from '../lib/workbook/spec.ts';
import { loadWorkbookTable } from '../lib/services/workbook/file.ts';
import { storedStatus } from '../lib/services/workbook/stored.ts';
import { tableFingerprint } from '../lib/engine/fingerprint.ts';

/** A new import's id (the stored file's folder name). */
function newImportId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

const PROBLEM_WORDS: Record<RestoreProblem, string> = {
  'file-missing': 'its stored file is missing. Import the file again.',
  'file-changed': 'its stored file no longer matches the SHA-256 recorded when it was imported, so it was not loaded. Import the file again.',
  'sheet-missing': 'the sheet it came from is no longer in the stored file.',
  'rows-differ': 'rebuilding it did not give the rows recorded at import, so it was not loaded.',
  failed: 'it could not be rebuilt from its stored file.',
};

/** The dataset entry of an imported table. */
function loadedEntry(record: ImportRecord, status: StatusOutcome[], fingerprint: string | null, error: string | null): LoadedDataset {
  const statusColumns = status.map((s) => ({ name: s.statusColumn, type: 'VARCHAR' as const }));
  return { def: importedDatasetDef(record, statusColumns), rows: error ? null : record.rows, fingerprint, error };
}

export class Imports {
  /** Records by table name. */
  records = $state.raw<ImportRecord[]>([]);
  draft = $state<ImportDraft | null>(null);
  usage = $state.raw<{ used: number; quota: number } | null>(null);
  /** Why the file chosen in the desktop app's dialog could not be read (cleared by the next import). */
  problem = $state<string | null>(null);
  /** While the app starts: the imported table being rebuilt from its stored file, and how far through the list. */
  restoring = $state.raw<{ table: string; index: number; count: number } | null>(null);
  /** Stored imports that could not be read at all (kept where they are). */
  unreadable = $state.raw<{ id: string; reason: string }[]>([]);

  constructor(
    public store: ImportStore,
    private readonly readers: FileReaders,
    /** Where the imports of the workbook with this id are kept ('' the first workbook's, as before workbooks). */
    readonly storeFor: (workbookId: string) => ImportStore = () => store,
  ) {}

  /**
   * Another workbook's imports from now on (File › New, Open, recovering): this workbook's tables leave the engine
   * (their stored files stay, with that workbook's working copy) and the other's are rebuilt.
   */
  async use(engine: Engine, workbookId: string): Promise<LoadedDataset[]> {
    this.cancel();
    for (const record of this.records) await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(record.table)}`);
    this.records = [];
    this.store = this.storeFor(workbookId);
    return this.restore(engine);
  }

  /**
   * A table that came with an opened workbook: kept in the working copy as the workbook holds it (never an original
   * file it does not have), then loaded, checked against its SHA-256, rows and columns. Throws and keeps nothing if
   * it does not load.
   */
  async adopt(engine: Engine, table: EmbeddedTable, bytes: Uint8Array): Promise<LoadedDataset> {
    // A fresh id: the same workbook opened twice keeps two working copies apart.
    const record: ImportRecord = { ...table.record, id: newImportId(), stored: { kind: 'table', sha256: table.sha256, rows: table.rows, columns: table.columns } };
    // Stored first: the engine takes the bytes (they are empty afterwards).
    await this.store.save(record, new Blob([bytes as Uint8Array<ArrayBuffer>]));
    try {
      await loadWorkbookTable(engine, table, bytes);
    } catch (err) {
      await this.store.remove(record.id).catch(() => undefined);
      throw err;
    }
    this.records = [...this.records, record];
    return loadedEntry(record, storedStatus(record), await tableFingerprint(engine, record.table), null);
  }

  /** Rebuilds every stored import in the engine; returns their dataset entries. */
  async restore(engine: Engine): Promise<LoadedDataset[]> {
    const entries = await this.store.list().catch(() => []);
    const loaded: LoadedDataset[] = [];
    const records: ImportRecord[] = [];
    const unreadable: { id: string; reason: string }[] = [];
    for (const [index, entry] of entries.entries()) {
      if (entry.kind === 'unreadable') {
        unreadable.push({ id: entry.id, reason: entry.reason });
        continue;
      }
      const { record } = entry;
      records.push(record);
      this.restoring = { table: record.title || record.table, index: index + 1, count: entries.length };
      const restored = await restoreImport(engine, this.store, this.readers, record).finally(() => (this.restoring = null));
      loaded.push(
        restored.kind === 'restored'
          ? loadedEntry(record, restored.outcome.status, restored.fingerprint, null)
          : loadedEntry(record, [], null, `${PROBLEM_WORDS[restored.problem]}${restored.detail ? ` (${restored.detail})` : ''}`),
      );
    }
    this.records = records;
    this.unreadable = unreadable;
    this.usage = await this.store.usage().catch(() => null);
    return loaded;
  }

  /**
   * Starts an import of a file: read and staged for the preview; nothing is created yet. With `replacing` (an
   * imported table's name), the file is a new version of that table and will take its place.
   */
  async begin(engine: Engine, file: Blob, name: string, datasetIds: string[], replacing?: string): Promise<ImportDraft> {
    void this.draft?.discard();
    this.problem = null;
    // Every table and view in the engine as well as the datasets: an import never takes a name in use.
    const { table } = await engine.query('SELECT table_name AS n FROM information_schema.tables');
    const names = Array.from({ length: table.numRows }, (_, i) => String(table.getChild('n')?.get(i)));
    const old = replacing === undefined ? null : (this.recordOf(replacing) ?? null);
    const taken = () => [...datasetIds, ...names].filter((n) => n !== old?.table);
    const draft = new ImportDraft(engine, this.store, this.readers, file, name, taken, old);
    this.draft = draft;
    void draft.open();
    return draft;
  }

  /** Drops the import being previewed (nothing was created). */
  cancel(): void {
    const draft = this.draft;
    this.draft = null;
    void draft?.discard();
  }

  /** Records what a confirmed draft created (a new version replaces its table's record); returns the dataset entries. */
  async added(imported: Imported[]): Promise<LoadedDataset[]> {
    const tables = imported.map((i) => i.record.table);
    this.records = [...this.records.filter((r) => !tables.includes(r.table)), ...imported.map((i) => i.record)];
    this.usage = await this.store.usage().catch(() => null);
    return imported.map((i) => loadedEntry(i.record, i.outcome.status, i.fingerprint, null));
  }

  /** The dataset list with what a confirmed draft created: a new version takes its table's place. */
  async merged(datasets: LoadedDataset[], imported: Imported[]): Promise<LoadedDataset[]> {
    const tables = imported.map((i) => i.record.table);
    return [...datasets.filter((d) => !(d.def.imported && tables.includes(d.def.id))), ...(await this.added(imported))];
  }

  /** Removes an imported table and its stored file. */
  async remove(engine: Engine, table: string): Promise<void> {
    const record = this.records.find((r) => r.table === table);
    if (!record) return;
    await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    await this.store.remove(record.id);
    this.records = this.records.filter((r) => r !== record);
    this.usage = await this.store.usage().catch(() => null);
  }

  /** Renames an imported table (and its title), in the engine and in its record. */
  async rename(engine: Engine, table: string, next: { table: string; title: string; description: string }): Promise<ImportRecord | null> {
    const record = this.records.find((r) => r.table === table);
    if (!record) return null;
    if (next.table !== table) await engine.query(`ALTER TABLE ${quoteIdent(table)} RENAME TO ${quoteIdent(next.table)}`);
    const updated = { ...record, ...next };
    await this.store.update(updated);
    this.records = this.records.map((r) => (r === record ? updated : r));
    return updated;
  }

  recordOf(table: string): ImportRecord | undefined {
    return this.records.find((r) => r.table === table);
  }
}
