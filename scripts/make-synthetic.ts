// Scripts: regenerates the synthetic built-in datasets (case-level NRM referrals and an OCG mapping extract), their
// example files in datasets/examples/, and their manifest entries. Deterministic: a second run writes the same bytes.
// Run with `npm run datasets:synthetic` (npx tsx scripts/make-synthetic.ts).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Manifest } from '../renderer/lib/engine/manifest.ts';
import { generate } from './synthetic/generate.ts';

const datasets = join(import.meta.dirname, '../datasets');
const { files, entries } = await generate(readFileSync(join(datasets, 'nrm_referrals_quarterly.csv'), 'utf8'));
for (const [name, bytes] of files) {
  mkdirSync(dirname(join(datasets, name)), { recursive: true });
  writeFileSync(join(datasets, name), bytes);
  console.log(`wrote datasets/${name} (${bytes.length.toLocaleString('en-GB')} bytes)`);
}
const manifestPath = join(datasets, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
for (const entry of entries) {
  const at = manifest.datasets.findIndex((d) => d.id === entry.id);
  if (at >= 0) manifest.datasets[at] = entry;
  else manifest.datasets.push(entry);
}
writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
console.log(`updated datasets/manifest.json: ${entries.map((e) => `${e.id} ${e.rows.toLocaleString('en-GB')} rows`).join(', ')}`);
