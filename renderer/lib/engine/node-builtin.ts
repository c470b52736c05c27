// Engine layer, Node only: opens an engine with every built-in dataset read from datasets/ on disk — what tests
// and scripts use to run the app's SQL against the real engine and the real figures (the unit suite's engine,
// duckdb-wasm or native as IDMG_TEST_ENGINE says, unless the caller makes its own).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFingerprint } from './fingerprint.ts';
import type { Manifest } from './manifest.ts';
import { newTestEngine } from './node-native.ts';
import type { Engine } from './types.ts';

export const datasetsDir = join(import.meta.dirname, '../../../datasets');

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(datasetsDir, 'manifest.json'), 'utf8')) as Manifest;
}

/** The engine with every built-in dataset, and each table's fingerprint as loaded (by dataset id). */
export async function openWithBuiltins(make: () => Engine = newTestEngine): Promise<{ engine: Engine; manifest: Manifest; fingerprints: Record<string, string> }> {
  const engine = make();
  await engine.open();
  const manifest = readManifest();
  const fingerprints: Record<string, string> = {};
  for (const def of manifest.datasets) {
    await engine.loadDataset(def, new Uint8Array(readFileSync(join(datasetsDir, def.file))));
    fingerprints[def.id] = await tableFingerprint(engine, def.id);
  }
  return { engine, manifest, fingerprints };
}
