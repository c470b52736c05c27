// Visualisation layer, pure: withheld values in a chart. A chart of a protected pivot must not let a withheld figure
// read as a fall to zero: each withheld point gets a marker with its shorthand ("[c]") at the baseline of its bar
// (or where its stack segment would start), and the chart and its figure say how many values are withheld and why,
// in one wording used by the chart, the figure's caption and its text alternative.
import type { MarkPointComponentOption } from 'echarts';
import { STATUS_INFO } from '../sdc/status.ts';

/** Per charted point: the shorthand it is withheld under ("[c]"), or null where a figure is shown. */
export type WithheldMarks = (string | null)[];

/** "2 values are withheld ([c]) so that no individual can be identified; the chart marks them [c]." */
export function withheldSentence(count: number, symbol = STATUS_INFO.c.symbol): string {
  if (count === 0) return '';
  const values = count === 1 ? '1 value is' : `${count.toLocaleString('en-GB')} values are`;
  return `${values} withheld (${symbol}) so that no individual can be identified; the chart marks ${count === 1 ? 'it' : 'them'} ${symbol}.`;
}

/** The chart's own short line: "2 values withheld [c]". */
export function withheldSubtext(count: number, symbol = STATUS_INFO.c.symbol): string {
  return count === 0 ? '' : `${count.toLocaleString('en-GB')} ${count === 1 ? 'value' : 'values'} withheld ${symbol}`;
}

const MARKER = {
  symbol: 'rect',
  symbolSize: [24, 14] as [number, number],
  symbolOffset: [0, -8] as [number, number],
  itemStyle: { color: '#ffffff', borderColor: '#0b0c0c', borderWidth: 1, borderType: 'dashed' as const },
  label: { show: true, position: 'inside' as const, color: '#0b0c0c', fontSize: 10 },
};

/**
 * Marker points for one series' withheld values: at (category, where its bar starts) — 0, or for a stacked series
 * the top of the series below it — labelled with the shorthand.
 */
export function withheldMarkPoint(marks: WithheldMarks | undefined, base: (category: number) => number = () => 0): MarkPointComponentOption | undefined {
  const data = (marks ?? []).flatMap((symbol, c) => (symbol ? [{ name: symbol, coord: [c, base(c)], value: symbol, label: { ...MARKER.label, formatter: symbol } }] : []));
  return data.length ? { ...MARKER, silent: true, data } : undefined;
}

/** For stacked series: where each series' segment starts in each category (the sum of the series before it). */
export function stackBases(values: ReadonlyArray<ReadonlyArray<number | null>>): Array<(category: number) => number> {
  const running: number[] = [];
  return values.map((v) => {
    const here = [...running];
    v.forEach((x, c) => (running[c] = (running[c] ?? 0) + (x ?? 0)));
    return (c: number) => here[c] ?? 0;
  });
}
