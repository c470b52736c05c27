// Pack layer, pure orchestration: protection of a pack's pivots decided for the pack, not pivot by pivot. Pivots that
// count the same records the same way (same source, value and rules, filters nesting or not; sdc/pivot-link.ts) are
// linked tables — a reader sees them all at once — and are protected together through the injected services, with
// the saved pivots the analyst marked "published together" (a reader sees those too); the others alone.
import { linkGroup, type LinkedPivot } from '../sdc/pivot-link.ts';
import type { ProtectedPivot } from '../sdc/pivot-protect.ts';
import { defaultPivotChartSpec } from '../viz/pivot-chart.ts';
import type { PackServices, PreparedPivot } from './resolve.ts';

type Member = { id: string | null; pivot: LinkedPivot };

/** Each prepared pivot's protection (or why it failed), one line per group protected together, and warnings. */
export async function protectPivots(
  prepared: Map<string, PreparedPivot | Error>,
  s: PackServices,
): Promise<{ protections: Map<string, ProtectedPivot | Error>; together: string[]; warnings: string[] }> {
  const groups = new Map<string, Member[]>();
  const inPack = new Set<string>();
  for (const [id, p] of prepared) {
    if (p instanceof Error || p.k === undefined) continue;
    const pivot = { caption: p.item.caption || defaultPivotChartSpec(p.layout).title, spec: p.item.spec, layout: p.layout, valueIndex: p.k, rules: p.rules };
    const group = linkGroup(p.item.spec, p.k, p.rules);
    groups.set(group, [...(groups.get(group) ?? []), { id, pivot }]);
    if (p.item.savedName) inPack.add(p.item.savedName);
  }
  const protections = new Map<string, ProtectedPivot | Error>();
  const together: string[] = [];
  const warnings: string[] = [];
  for (const [group, own] of groups) {
    try {
      const members = [...own, ...(await publishedWith(group, inPack, s))];
      if (members.length === 1) {
        const { pivot } = members[0]!;
        protections.set(own[0]!.id!, await s.protect(pivot.spec, pivot.layout, pivot.valueIndex, pivot.rules));
        continue;
      }
      const joint = await s.protectTogether(members.map((m) => m.pivot));
      members.forEach((m, i) => m.id !== null && protections.set(m.id, joint.pivots[i]!));
      const captions = members.map((m) => `“${m.pivot.caption}”${m.id === null ? ' (saved pivot published together)' : ''}`).join(', ');
      together.push(`${joint.summary} (${captions}).`);
      warnings.push(...joint.warnings);
    } catch (err) {
      for (const m of own) protections.set(m.id!, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return { protections, together, warnings };
}

/** Saved pivots marked "published together" (not already in the pack) that link with this group, laid out now. */
async function publishedWith(group: string, inPack: ReadonlySet<string>, s: PackServices): Promise<Member[]> {
  const out: Member[] = [];
  for (const saved of s.publishedTogether()) {
    const p = saved.spec.protection;
    if (inPack.has(saved.name) || !p?.together || linkGroup(saved.spec, p.value, p.rules) !== group) continue;
    const { layout } = await s.runPivot(saved.spec);
    out.push({ id: null, pivot: { caption: saved.name, spec: saved.spec, layout, valueIndex: p.value, rules: p.rules } });
  }
  return out;
}
