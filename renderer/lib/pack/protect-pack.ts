// Pack layer, pure orchestration: protection of a pack's pivots decided for the pack, not pivot by pivot. Pivots that
// count the same records the same way (same source, filters, value and rules; sdc/pivot-link.ts) are linked tables —
// a reader sees them all at once — and are protected together through the injected services; the others alone.
import { linkGroup } from '../sdc/pivot-link.ts';
import type { ProtectedPivot } from '../sdc/pivot-protect.ts';
import { defaultPivotChartSpec } from '../viz/pivot-chart.ts';
import type { PackServices, PreparedPivot } from './resolve.ts';

/** Each prepared pivot's protection (or why it failed), and one line per group protected together. */
export async function protectPivots(prepared: Map<string, PreparedPivot | Error>, s: PackServices): Promise<{ protections: Map<string, ProtectedPivot | Error>; together: string[] }> {
  const groups = new Map<string, [string, PreparedPivot][]>();
  for (const [id, p] of prepared) {
    if (p instanceof Error || p.k === undefined) continue;
    const group = linkGroup(p.item.spec, p.k, p.rules);
    groups.set(group, [...(groups.get(group) ?? []), [id, p]]);
  }
  const protections = new Map<string, ProtectedPivot | Error>();
  const together: string[] = [];
  for (const members of groups.values()) {
    try {
      if (members.length === 1) {
        const [id, p] = members[0]!;
        protections.set(id, await s.protect(p.item.spec, p.layout, p.k!, p.rules));
        continue;
      }
      const joint = await s.protectTogether(members.map(([, p]) => ({ spec: p.item.spec, layout: p.layout, valueIndex: p.k!, rules: p.rules })));
      members.forEach(([id], i) => protections.set(id, joint.pivots[i]!));
      const captions = members.map(([, p]) => `“${p.item.caption || defaultPivotChartSpec(p.layout).title}”`).join(', ');
      together.push(`${joint.summary} (${captions}).`);
    } catch (err) {
      for (const [id] of members) protections.set(id, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return { protections, together };
}
