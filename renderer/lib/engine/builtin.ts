// Engine layer, page only: loads the built-in datasets shipped in datasets/ (bundled by Vite as local asset
// URLs) into the engine, checking each file's SHA-256 against the manifest so what is analysed is what was shipped.
import manifestJson from '../../../datasets/manifest.json';
import { quoteIdent } from '../query/quote.ts';
import { tableFingerprint } from './fingerprint.ts';
import type { DatasetDef, Manifest } from './manifest.ts';
import type { Engine } from './types.ts';

export const manifest = manifestJson as Manifest;

const fileUrls = import.meta.glob('../../../datasets/*.csv', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export interface LoadedDataset {
  def: DatasetDef;
  rows: number | null;
  /** The table as loaded from the checked file (see fingerprint.ts); exports check it still holds. */
  fingerprint: string | null;
  error: string | null;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function loadOne(engine: Engine, def: DatasetDef): Promise<LoadedDataset> {
  const url = fileUrls[`../../../datasets/${def.file}`];
  if (!url) return { def, rows: null, fingerprint: null, error: `The file ${def.file} is missing from this build.` };
  const response = await fetch(url);
  if (!response.ok) return { def, rows: null, fingerprint: null, error: `The file ${def.file} could not be read (${response.status}).` };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if ((await sha256Hex(bytes)) !== def.sha256) {
    return { def, rows: null, fingerprint: null, error: `The file ${def.file} does not match its published checksum; it was not loaded.` };
  }
  await engine.loadDataset(def, bytes);
  const count = await engine.query(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(def.id)}`);
  return { def, rows: Number(count.table.getChild('n')?.get(0)), fingerprint: await tableFingerprint(engine, def.id), error: null };
}

/** Loads every built-in dataset; one failing file is reported on its entry and does not stop the others. */
export async function loadBuiltinDatasets(engine: Engine): Promise<LoadedDataset[]> {
  const loaded: LoadedDataset[] = [];
  for (const def of manifest.datasets) {
    try {
      loaded.push(await loadOne(engine, def));
    } catch (err) {
      loaded.push({ def, rows: null, fingerprint: null, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return loaded;
}
