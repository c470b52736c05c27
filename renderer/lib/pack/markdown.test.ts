import { describe, expect, it } from 'vitest';
import { parseMarkdown, parseRuns } from './markdown.ts';

describe('parseMarkdown', () => {
  it('headings, paragraphs joined across lines, bulleted and numbered lists', () => {
    const md = '## Summary\nReferrals rose\nin 2011.\n\n- Adults\n- Children: **a third**\n  of all\n\n1. First\n2) Second\n### Detail\nText';
    expect(parseMarkdown(md)).toEqual([
      { type: 'heading', level: 2, text: 'Summary' },
      { type: 'paragraph', runs: [{ text: 'Referrals rose in 2011.' }] },
      { type: 'list', ordered: false, items: [[{ text: 'Adults' }], [{ text: 'Children: ' }, { text: 'a third', bold: true }, { text: ' of all' }]] },
      { type: 'list', ordered: true, items: [[{ text: 'First' }], [{ text: 'Second' }]] },
      { type: 'heading', level: 3, text: 'Detail' },
      { type: 'paragraph', runs: [{ text: 'Text' }] },
    ]);
  });

  it('keeps anything it does not understand as literal text (HTML included), and never loses characters', () => {
    const md = '<script>alert(1)</script> 3 * 4 = 12, a_b and **unclosed';
    const blocks = parseMarkdown(md);
    expect(blocks).toHaveLength(1);
    const text = blocks[0]!.type === 'paragraph' ? blocks[0]!.runs.map((r) => r.text).join('') : '';
    expect(text).toBe(md);
  });

  it('emphasis: bold, italic with * and _', () => {
    expect(parseRuns('a **b** *c* _d_ e')).toEqual([{ text: 'a ' }, { text: 'b', bold: true }, { text: ' ' }, { text: 'c', italic: true }, { text: ' ' }, { text: 'd', italic: true }, { text: ' e' }]);
  });

  it('empty input gives no blocks; CRLF line ends are fine', () => {
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown('a\r\nb')).toEqual([{ type: 'paragraph', runs: [{ text: 'a b' }] }]);
  });
});
