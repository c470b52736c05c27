// Import/export layer: renders an ECharts option to an SVG string with ECharts' server-side renderer — no DOM, so
// the same code serves exports in Node (and tests) and in the browser. lib/viz builds options but may not import
// echarts at runtime (lint-enforced purity), hence this small runtime wrapper lives here.
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

/** The chart as a standalone `<svg>` document of the given size in pixels. */
export function renderChartSvg(option: EChartsOption, width: number, height: number): string {
  if (!(width > 0 && height > 0)) throw new Error(`Chart size must be positive, got ${width}×${height}`);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // Exports are static: no animation, whatever the option says.
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
