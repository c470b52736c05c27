// Tests for the text pass that keeps a figure's SVG within the page's CSP, on real ECharts server-side output
// (lib/io/chart-svg.ts): no style attribute or <style> element survives, every style is kept for the CSSOM, and
// the text and shapes are untouched. (cleanSvg itself needs a DOM: the pack e2e specs cover it in Chromium.)
import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../io/chart-svg.ts';
import { withoutInlineStyles } from './svg.ts';

const chart = renderChartSvg(
  {
    title: { text: 'Referrals "by" <year> & style="x"' },
    legend: {},
    xAxis: { type: 'category', data: ['2022', '2023'] },
    yAxis: {},
    series: [{ type: 'bar', name: 'Adults', data: [10, 20] }],
  },
  480,
  300,
);

describe('withoutInlineStyles', () => {
  it('starts from ECharts output that does carry style attributes and a <style> element', () => {
    expect(chart).toMatch(/\sstyle="/);
    expect(chart).toMatch(/<style\b/);
  });

  it('leaves no style attribute or <style> element, and keeps every style under data-inline-style', () => {
    const out = withoutInlineStyles(chart);
    expect(out).not.toMatch(/\sstyle=["']/);
    expect(out).not.toMatch(/<style\b/i);
    expect(out.match(/\sdata-inline-style="/g)?.length).toBe(chart.match(/\sstyle="/g)?.length);
    expect(out).toContain('data-inline-style="font-size:18px;font-family:sans-serif;font-weight:bold;"');
  });

  it('changes nothing else: text (escaped by ECharts, even when it says style=) and shapes stay as they were', () => {
    const out = withoutInlineStyles(chart);
    const strip = (svg: string): string => svg.replace(/<style\b[\s\S]*?<\/style\s*>/gi, '').replace(/\s(data-inline-)?style="[^"]*"/g, '');
    expect(strip(out)).toBe(strip(chart));
    expect(out).toContain('Referrals &quot;by&quot; &lt;year&gt; &amp; style=&quot;x&quot;');
  });

  it('handles single-quoted attributes and several <style> elements', () => {
    expect(withoutInlineStyles(`<svg><style>a{}</style><text style='fill:red'>t</text><STYLE type="text/css">b{}</STYLE></svg>`)).toBe(
      `<svg><text data-inline-style='fill:red'>t</text></svg>`,
    );
  });
});

describe('withoutInlineStyles and event handlers', () => {
  it('renames event-handler attributes before any parser sees them, and leaves text alone', () => {
    expect(withoutInlineStyles(`<svg onload="alert(1)"><g ONclick='x()'><text>Decisions on "appeal"</text></g></svg>`)).toBe(
      `<svg data-blocked-onload="alert(1)"><g data-blocked-ONclick='x()'><text>Decisions on "appeal"</text></g></svg>`,
    );
  });
});
