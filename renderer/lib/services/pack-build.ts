// Services layer: a pack built without a person clicking (`idmg pack build`, the headless rebuild) — the saved
// pack resolved over an engine that already holds its data, through the same pack services, resolver and
// disclosure control as the app's export buttons, and a summary of what failed its checks: items that could not be
// produced, protection audits that failed, reconciliation checks that do not add up (all as the resolver reports
// them, ResolvedPack), and, when asked, frozen items whose figures differ from a fresh run of the same item.
// No DOM and no Node: the caller brings the engine, the protector and the file writing.
import type { Engine } from '../engine/types.ts';
import { createPackServices, type ProtectFn } from '../engine/pack-services.ts';
import type { PackDocument } from '../pack/document.ts';
import { frozenDifference, type FrozenDifference } from '../pack/frozen-diff.ts';
import { resolvePack, type DatasetInfo, type ResolvedPack } from '../pack/resolve.ts';
import type { PackSpec } from '../pack/spec.ts';
import type { PivotCheck } from '../sdc/pivot-checks.ts';
import type { PivotSpec } from '../query/pivot/spec.ts';
import type { PivotChartSpec } from '../viz/pivot-chart.ts';

/** A pivot saved by name, as the app stores it and a workbook carries it. */
export interface SavedPivotEntry {
  name: string;
  spec: PivotSpec;
  chart: PivotChartSpec | null;
  savedAt: string;
}

export interface PackBuildInput {
  /** The engine, with every dataset the pack reads already loaded. */
  engine: Engine;
  /** The loaded datasets, each with the fingerprint of the table as loaded (provenance certifies against it). */
  datasets: DatasetInfo[];
  pack: PackSpec;
  savedPivots: readonly SavedPivotEntry[];
  appVersion: string;
  protect: ProtectFn;
  /** Also resolve every frozen item live and compare (`--check`). */
  compareFrozen?: boolean;
  onProgress?: (event: BuildProgress) => void;
  /** The export time written into the document (default: now). */
  now?: () => string;
}

export type BuildProgress = { kind: 'resolving'; items: number } | { kind: 'comparing-frozen'; items: number };

/** One failed check; `item` is the 1-based position in the pack, as the pack's own notices number items. */
export type BuildFailure =
  | { kind: 'item-failed'; item: number; id: string; problem: string }
  | { kind: 'audit-failed'; item: number; id: string; summary: string; problem: string }
  | { kind: 'reconciliation'; item: number; id: string; check: PivotCheck }
  | { kind: 'frozen-differs'; item: number; id: string; difference: FrozenDifference }
  | { kind: 'frozen-unresolvable'; item: number; id: string; problem: string };

export interface PackBuild {
  doc: PackDocument;
  resolved: ResolvedPack;
  failures: BuildFailure[];
}

/** Resolves the pack as the app's export does, and lists every check that failed. */
export async function buildPack(input: PackBuildInput): Promise<PackBuild> {
  const byName = new Map(input.savedPivots.map((p) => [p.name, p]));
  const services = createPackServices(
    input.engine,
    input.protect,
    input.datasets,
    input.appVersion,
    (name) => {
      const saved = byName.get(name);
      return saved ? { spec: saved.spec, chart: saved.chart } : null;
    },
    () => input.savedPivots,
  );
  if (input.now) services.now = input.now;
  input.onProgress?.({ kind: 'resolving', items: input.pack.items.length });
  const resolved = await resolvePack(input.pack, services);
  const failures = resolvedFailures(input.pack, resolved);
  const frozen = input.pack.items.filter((item) => item.frozen);
  if (input.compareFrozen && frozen.length > 0) {
    input.onProgress?.({ kind: 'comparing-frozen', items: frozen.length });
    // The whole pack resolved live, so each item is protected with the same neighbours as when it was frozen.
    const live = await resolvePack({ ...input.pack, items: input.pack.items.map((item) => ({ ...item, frozen: null })) }, services);
    failures.push(...frozenFailures(input.pack, resolved, live));
  }
  // In pack order (a stable sort keeps each item's own failures in the order they were found).
  return { doc: resolved.doc, resolved, failures: failures.sort((a, b) => a.item - b.item) };
}

/** What the resolver itself reported: items not produced (an audit failure says so), and checks with a gap. */
export function resolvedFailures(pack: PackSpec, resolved: ResolvedPack): BuildFailure[] {
  const out: BuildFailure[] = [];
  resolved.items.forEach((r, i) => {
    const at = { item: i + 1, id: r.id };
    if (r.audit && !r.audit.passed) out.push({ kind: 'audit-failed', ...at, summary: r.audit.summary, problem: r.problem ?? '' });
    else if (r.problem !== null) out.push({ kind: 'item-failed', ...at, problem: r.problem });
    for (const check of r.checks) if (check.passes === false) out.push({ kind: 'reconciliation', ...at, check });
  });
  return out;
}

function frozenFailures(pack: PackSpec, resolved: ResolvedPack, live: ResolvedPack): BuildFailure[] {
  const out: BuildFailure[] = [];
  pack.items.forEach((item, i) => {
    if (!item.frozen) return;
    const at = { item: i + 1, id: item.id };
    const fresh = live.items[i]!;
    if (fresh.problem !== null) return void out.push({ kind: 'frozen-unresolvable', ...at, problem: fresh.problem });
    const difference = frozenDifference(resolved.items[i]!.parts, fresh.parts);
    if (difference) out.push({ kind: 'frozen-differs', ...at, difference });
  });
  return out;
}
