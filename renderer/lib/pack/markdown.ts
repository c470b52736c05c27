// Pack layer, pure: commentary written in a small Markdown subset, as blocks every exporter can draw — headings
// (#, ##, ###), paragraphs, bulleted (-, *) and numbered (1.) lists, **bold** and *italic* (or _italic_). Anything
// else stays literal text: nothing an analyst typed is dropped, and no HTML is ever interpreted.
import type { Run, TextBlock } from './document.ts';

/** Inline emphasis: **bold**, *italic*, _italic_; unmatched markers stay as typed. */
export function parseRuns(text: string): Run[] {
  const runs: Run[] = [];
  // Markers hug their text (`3 * 4 * 5` is arithmetic) and _ sits at word edges (`a_b` is a name).
  const pattern = /\*\*(?!\s)(.+?)(?<!\s)\*\*|\*(?!\s)(.+?)(?<!\s)\*|(?<![\p{L}\p{N}])_(?!\s)(.+?)(?<!\s)_(?![\p{L}\p{N}])/gu;
  let at = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index) });
    if (m[1] !== undefined) runs.push({ text: m[1], bold: true });
    else runs.push({ text: (m[2] ?? m[3])!, italic: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}

export function parseMarkdown(source: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', runs: parseRuns(paragraph.join(' ')) });
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map(parseRuns) });
    paragraph = [];
    list = null;
  };
  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (line === '') flush();
    else if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1]!.length === 3 ? 3 : 2, text: heading[2]! });
    } else if (bullet || numbered) {
      const ordered = numbered !== null;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
    } else if (list) {
      // A continuation line belongs to the list item above it.
      list.items[list.items.length - 1] += ` ${line}`;
    } else paragraph.push(line);
  }
  flush();
  return blocks;
}
