// Script layer (part of `npm run bench`): export time of a 20-item briefing pack — 10 tables, 8 charts and 2
// commentary blocks over the built-in data — resolved on the engine (Node build of duckdb-wasm, the same engine
// the page runs) and written as XLSX and DOCX. The PDF time is measured in Chromium by the caller (bench.ts),
// which prints this same document through the print view.
import { openWithBuiltins } from '../renderer/lib/engine/node-builtin.ts';
import { createPackServices } from '../renderer/lib/engine/pack-services.ts';
import { packToDocx } from '../renderer/lib/io/docx.ts';
import { packToXlsx } from '../renderer/lib/io/xlsx.ts';
import { addItem } from '../renderer/lib/pack/actions.ts';
import type { PackDocument } from '../renderer/lib/pack/document.ts';
import { resolvePack } from '../renderer/lib/pack/resolve.ts';
import { newPack, type PackSpec } from '../renderer/lib/pack/spec.ts';
import { parsePivotSpec } from '../renderer/lib/query/pivot/parse.ts';
import { DEFAULT_SDC_RULES } from '../renderer/lib/sdc/rules.ts';
import { loadNodeHighsSolver } from '../renderer/lib/solver/highs-node.ts';
import { protectTable } from '../renderer/lib/sdc/protect.ts';

const SHAPES: Array<[string, string, string]> = [
  ['nrm_referrals_quarterly', 'year', 'age_at_exploitation'],
  ['nrm_referrals_quarterly', 'year', 'location_of_exploitation'],
  ['nrm_referrals_quarterly', 'quarter', 'age_at_exploitation'],
  ['nrm_referrals_2023q4_detail', 'first_responder_type', 'exploitation_type'],
  ['nrm_referrals_2023q4_detail', 'exploitation_type', 'age_at_exploitation'],
  ['nrm_referrals_2023q4_detail', 'gender', 'age_at_exploitation'],
  ['nrm_referrals_2023q4_detail', 'first_responder_type', 'gender'],
  ['nrm_referrals_2023q4_detail', 'nationality', 'age_at_exploitation'],
  ['nrm_referrals_2023q4_detail', 'exploitation_type', 'gender'],
  ['nrm_referrals_2023q4_detail', 'first_responder_type', 'age_at_exploitation'],
];

export function benchPackSpec(): PackSpec {
  let pack = newPack('2026-11-28');
  const add = (item: Parameters<typeof addItem>[1]) => (pack = addItem(pack, item).pack);
  add({ kind: 'commentary', markdown: '## Summary\nReferrals to the NRM **rose** in every year from 2012 to 2023.\n\n- Adults: most referrals.\n- Children: a growing share.' });
  SHAPES.forEach(([table, rows, columns], i) => {
    const spec = parsePivotSpec({ source: { kind: 'table', table }, rows: [rows], columns: [columns], values: [{ field: 'referrals', aggregate: 'sum' }], protection: { value: 0, rules: DEFAULT_SDC_RULES } });
    add({ kind: 'pivot', caption: `Referrals by ${rows} and ${columns}`, spec, chart: null, savedName: null, show: i < 8 ? 'both' : 'table', notes: [], noteTargets: [] });
  });
  add({ kind: 'commentary', markdown: '## Notes on the figures\nFigures are the current series as published on 7 March 2024.' });
  return pack;
}

export interface PackBench {
  doc: PackDocument;
  resolveMs: number;
  xlsxMs: number;
  docxMs: number;
  xlsxBytes: number;
  docxBytes: number;
}

export async function benchPack(): Promise<PackBench> {
  const { engine, manifest, fingerprints } = await openWithBuiltins();
  try {
    const services = createPackServices(engine, async (t, r) => protectTable(t, r, await loadNodeHighsSolver()), manifest.datasets.map((d) => ({ ...d, fingerprint: fingerprints[d.id] ?? null })), 'bench');
    let t = performance.now();
    const { doc } = await resolvePack(benchPackSpec(), services);
    const resolveMs = performance.now() - t;
    const counts = { tables: doc.items.filter((x) => x.kind === 'table').length, figures: doc.items.filter((x) => x.kind === 'figure').length };
    if (counts.tables !== 10 || counts.figures !== 8) throw new Error(`The bench pack resolved to ${counts.tables} tables and ${counts.figures} figures, not 10 and 8.`);
    t = performance.now();
    const xlsx = await packToXlsx(doc);
    const xlsxMs = performance.now() - t;
    t = performance.now();
    const docx = await packToDocx(doc);
    const docxMs = performance.now() - t;
    return { doc, resolveMs, xlsxMs, docxMs, xlsxBytes: xlsx.length, docxBytes: docx.length };
  } finally {
    engine.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchPack();
  console.table({ resolve: Math.round(r.resolveMs), xlsx: Math.round(r.xlsxMs), docx: Math.round(r.docxMs), xlsxKB: Math.round(r.xlsxBytes / 1024), docxKB: Math.round(r.docxBytes / 1024) });
}
