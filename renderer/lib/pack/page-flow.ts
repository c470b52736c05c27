// Pack layer, pure: blocks stacked down pages, for the paginator (paginate.ts, paginate-table.ts). Each page has an
// orientation — a wide table may take landscape pages in a portrait pack — and so its own usable height.
import type { Orientation } from './wide-table.ts';
import type { Block, PlacedBlock } from './paginate.ts';

/** Blocks stacked down pages; `pages` is 0-based here, numbered when the document is assembled. */
export class Flow {
  pages: PlacedBlock[][] = [[]];
  orientations: Orientation[];
  /** Blocks taller than a whole page: they would be cut off in print, so the view says so. */
  oversized: Block[] = [];
  private y: number;
  /** `lead`: px already taken at the top of the first page. */
  constructor(readonly limits: Record<Orientation, number>, readonly base: Orientation, lead = 0) {
    this.orientations = [base];
    this.y = lead;
  }
  get index(): number { return this.pages.length - 1; }
  get empty(): boolean { return this.pages[this.index]!.length === 0; }
  get orientation(): Orientation { return this.orientations[this.index]!; }
  get limit(): number { return this.limits[this.orientation]; }
  get remaining(): number { return this.limit - this.y; }
  /** A new page (in `orientation`, the pack's own unless said); an empty page is reused, turned if need be. */
  newPage(orientation: Orientation = this.base): void {
    if (this.empty) {
      this.orientations[this.index] = orientation;
      return;
    }
    this.pages.push([]);
    this.orientations.push(orientation);
    this.y = 0;
  }
  /** Starts a new page unless `height` fits in what is left (or the page is still empty). */
  ensure(height: number, orientation: Orientation = this.orientation): void {
    if (orientation !== this.orientation) this.newPage(orientation);
    else if (height > this.remaining + 1e-6) this.newPage(orientation);
  }
  put(block: Block, height: number): void {
    if (height > this.limit + 1e-6) this.oversized.push(block);
    this.pages[this.index]!.push({ block, y: this.y, height });
    this.y += height;
  }
}
