// Import layer, pure: counts the cells an ODS sheet will expand to, while zip-guard.ts streams its content.xml past.
// OpenDocument compresses runs of equal cells into one element with number-rows-repeated / number-columns-repeated,
// and SheetJS writes out every repeat as its own cell object: a few bytes of XML can stand for billions of cells (a
// bomb that zip sizes do not show). The counter reads the XML as it inflates, a chunk at a time, multiplies each
// cell that holds something by its row's and its own repeat counts, and stops the import past a limit. Empty cells
// are not counted: the reader asks SheetJS not to keep them for ODS.

/** Attribute value from one start tag, or 1. */
function repeat(tag: string, attr: string): number {
  const m = new RegExp(`${attr}="(\\d+)"`).exec(tag);
  return m ? Number(m[1]) : 1;
}

export class OdsCellCounter {
  /** Cells counted so far (repeats multiplied out). */
  cells = 0;
  private rows = 1;
  private carry = '';
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly maxCells: number) {}

  /** Feeds the next chunk of content.xml; returns false once the count has passed the limit. */
  push(chunk: Uint8Array, final = false): boolean {
    const text = this.carry + this.decoder.decode(chunk, { stream: !final });
    // Keep an unfinished tag for the next chunk.
    const cut = text.lastIndexOf('<');
    const whole = cut >= 0 && text.indexOf('>', cut) < 0 && !final ? text.slice(0, cut) : text;
    this.carry = whole.length < text.length ? text.slice(whole.length) : '';
    const tags = /<table:(table-row|table-cell|covered-table-cell)\b[^>]*>/g;
    for (let m = tags.exec(whole); m; m = tags.exec(whole)) {
      const tag = m[0];
      if (m[1] === 'table-row') {
        this.rows = repeat(tag, 'table:number-rows-repeated');
        continue;
      }
      // A self-closing cell without a value type is empty; one with a value type or content holds something.
      const empty = tag.endsWith('/>') && !/office:value-type=/.test(tag) && !/table:formula=/.test(tag);
      if (empty) continue;
      this.cells += this.rows * repeat(tag, 'table:number-columns-repeated');
      if (this.cells > this.maxCells) return false;
    }
    return true;
  }
}
