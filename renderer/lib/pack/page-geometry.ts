// Pack layer, pure: the printed page — A4 in either orientation, its margins (which hold the marking and the page
// number) and the content box the paginator fills, in CSS px at 96 per inch as Chromium prints.
export const PX_PER_MM = 96 / 25.4;

/** Page size and margins in mm; the marking and page number are drawn inside the top and bottom margins. */
export interface PageGeometry {
  orientation: 'portrait' | 'landscape';
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_MARGIN = { top: 20, right: 18, bottom: 20, left: 18 };

export function a4(orientation: 'portrait' | 'landscape', margin = DEFAULT_MARGIN): PageGeometry {
  const [width, height] = orientation === 'portrait' ? [210, 297] : [297, 210];
  return { orientation, width, height, margin };
}

/** The content box in CSS px. */
export function contentSize(g: PageGeometry): { width: number; height: number } {
  return { width: (g.width - g.margin.left - g.margin.right) * PX_PER_MM, height: (g.height - g.margin.top - g.margin.bottom) * PX_PER_MM };
}
