// Contrast of the chart colours, computed: every palette colour 3:1 against the white background and against the
// series beside it (stacked segments touch), and every heatmap label 4.5:1 on its cell, all along the ramp.
import { describe, expect, it } from 'vitest';
import { contrastRatio, labelStyleOn, rampColour, relativeLuminance } from './contrast.ts';
import { PALETTE } from './palette.ts';
import { HEAT } from './pivot-chart.ts';

describe('chart colour contrast (WCAG 2.2)', () => {
  it('computes luminance and ratios as WCAG defines them', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#E69F00', '#ffffff')).toBeCloseTo(2.25, 2); // the old orange the issue measured
    expect(rampColour(['#000000', '#ffffff'], 0.5)).toBe('#808080');
  });

  it('gives every palette colour 3:1 against white and against its neighbours', () => {
    PALETTE.forEach((c, i) => {
      expect(contrastRatio(c, '#ffffff'), c).toBeGreaterThanOrEqual(3);
      if (i > 0) expect(contrastRatio(c, PALETTE[i - 1]!), `${PALETTE[i - 1]} / ${c}`).toBeGreaterThanOrEqual(3);
    });
    expect(new Set(PALETTE).size).toBe(PALETTE.length);
  });

  it('labels every heatmap cell with 4.5:1 against what the label sits on, switching colour along the ramp', () => {
    const colours = new Set<string>();
    for (let k = 0; k <= 200; k++) {
      const cell = rampColour(HEAT, k / 200);
      const style = labelStyleOn(cell);
      colours.add(style.color);
      expect(contrastRatio(style.color, style.backgroundColor ?? cell), cell).toBeGreaterThanOrEqual(4.5);
    }
    expect(colours).toEqual(new Set(['#0b0c0c', '#ffffff']));
  });
});
