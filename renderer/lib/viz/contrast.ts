// Visualisation layer, pure: colour contrast as WCAG 2.2 defines it (relative luminance of sRGB, ratio (L1 + 0.05) /
// (L2 + 0.05)), for the chart palette (3:1 against the background and its neighbours, 1.4.11) and for labels drawn on
// coloured cells (4.5:1, 1.4.3), and the colour a heatmap cell gets between its ramp's stops (as ECharts' continuous
// visual map interpolates: linearly in sRGB).
const rgb = (hex: string): [number, number, number] => {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
};

export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [x, y] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

/** The colour at `t` (0–1) along a ramp of stops, linear in sRGB between neighbouring stops. */
export function rampColour(stops: readonly string[], t: number): string {
  const at = Math.min(Math.max(t, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(at), stops.length - 2);
  const [a, b] = [rgb(stops[i]!), rgb(stops[i + 1]!)];
  const f = at - i;
  return `#${a.map((c, k) => Math.round(c + (b[k]! - c) * f).toString(16).padStart(2, '0')).join('')}`;
}

const DARK = '#0b0c0c';
const WHITE = '#ffffff';

/**
 * A label on `background`: near-black or white, whichever reads better; where neither reaches 4.5:1 (mid-tones of
 * luminance near 0.18, where both fall just short) the label gets a white box of its own to sit on.
 */
export function labelStyleOn(background: string): { color: string; backgroundColor?: string; padding?: [number, number] } {
  const color = contrastRatio(DARK, background) >= contrastRatio(WHITE, background) ? DARK : WHITE;
  return contrastRatio(color, background) >= 4.5 ? { color } : { color: DARK, backgroundColor: WHITE, padding: [0, 2] };
}
