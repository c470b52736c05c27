// Pack layer, pure: how wide text is in Arial (Helvetica's metrics, which Arial and Liberation Sans share), for the
// exporters that cannot ask a browser — the DOCX writer sizes its table columns and estimates its pages with these.
// Widths are the fonts' own advance widths (AFM, 1/1000 em) for printable ASCII; anything else counts as the widest
// common glyph, so an estimate errs wide, never narrow.

/** Advance widths of characters 32–126, regular and bold. */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];
const OTHER = 1000;

/** Width of `text` in points at `size` pt. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += code === 0xa0 ? table[0]! : (table[code - 32] ?? OTHER);
  }
  return (units * size) / 1000;
}

/** The widest single word (split at spaces only: nothing else is a place to break), in points. */
export function longestWord(text: string, size: number, bold = false): number {
  return Math.max(0, ...text.split(' ').map((w) => textWidth(w, size, bold)));
}

/** Lines `text` takes in a box `width` pt wide, breaking only at spaces (a word wider than the box takes a line). */
export function lineCount(text: string, width: number, size: number, bold = false): number {
  if (text.trim() === '') return 1;
  const space = textWidth(' ', size, bold);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/ +/)) {
    const w = textWidth(word, size, bold);
    if (used > 0 && used + space + w > width) {
      lines++;
      used = w;
    } else used += (used > 0 ? space : 0) + w;
  }
  return lines;
}
