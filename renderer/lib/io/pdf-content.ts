// Import/export layer, pure: marks a tagged PDF page's untagged content as artifacts. Chromium tags what the page's
// accessibility tree holds and leaves the rest — the running marking, "Page X of Y", page backgrounds — outside any
// marked content, which PDF/UA forbids and some readers then read as body text. This walks one content stream's
// operators (PDF 32000-1 §7.8.2) and wraps every graphics object drawn outside marked content (a text object, a path,
// an XObject, a shading) in `/Artifact BMC … EMC`, leaving tagged content and every byte of it as it was.

/** Operators that start a graphics object, and those that end one (path painting, text end, XObject, shading). */
const STARTS = new Set(['BT', 'm', 're', 'Do', 'sh']);
const PAINTS = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const ENDS = new Set(['ET', 'Do', 'sh', ...PAINTS]);
const DELIMITERS = '()<>[]{}/%';
const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\f' || c === '\0';

/** Thrown for content this walker does not rewrite (inline images): the caller keeps the stream as it was. */
export class UnsupportedContentError extends Error {}

interface Operator {
  name: string;
  /** Offset where the operator's first operand (or the operator itself) starts. */
  start: number;
  /** Offset just after the operator. */
  end: number;
}

/** The end of a literal string starting at `i` (an opening parenthesis), after nested parentheses and escapes. */
function skipString(s: string, i: number): number {
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return s.length;
}

/** The operators of a content stream (as latin1 text) with the span of their operands. */
export function operators(s: string): Operator[] {
  const out: Operator[] = [];
  let start = -1;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (isSpace(c)) { i++; continue; }
    if (c === '%') { while (i < s.length && s[i] !== '\n' && s[i] !== '\r') i++; continue; }
    if (start < 0) start = i;
    if (c === '(') i = skipString(s, i);
    else if (c === '<' && s[i + 1] === '<') i += 2;
    else if (c === '>' && s[i + 1] === '>') i += 2;
    else if (c === '<') i = s.indexOf('>', i) < 0 ? s.length : s.indexOf('>', i) + 1;
    else if (c === '[' || c === ']' || c === '{' || c === '}') i++;
    else if (c === '/') { i++; while (i < s.length && !isSpace(s[i]!) && !DELIMITERS.includes(s[i]!)) i++; }
    else {
      const from = i;
      while (i < s.length && !isSpace(s[i]!) && !DELIMITERS.includes(s[i]!)) i++;
      const word = s.slice(from, i);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word) && word !== 'true' && word !== 'false' && word !== 'null') {
        if (word === 'BI' || word === 'ID') throw new UnsupportedContentError('inline image');
        out.push({ name: word, start, end: i });
        start = -1;
      }
    }
  }
  return out;
}

/** The content stream with every graphics object drawn outside marked content wrapped as an artifact. */
export function markUntaggedAsArtifacts(s: string): { text: string; wrapped: number } {
  let depth = 0;
  let open = false;
  let wrapped = 0;
  let at = 0;
  const parts: string[] = [];
  for (const op of operators(s)) {
    if (op.name === 'BDC' || op.name === 'BMC') {
      // Tagged content inside an untagged graphics object cannot be told apart from its artifact: leave the stream.
      if (open) throw new UnsupportedContentError('marked content inside an untagged graphics object');
      depth++;
    } else if (op.name === 'EMC') depth = Math.max(0, depth - 1);
    if (depth === 0 && !open && STARTS.has(op.name)) {
      parts.push(s.slice(at, op.start), '/Artifact BMC\n');
      at = op.start;
      open = true;
      wrapped++;
    }
    if (open && ENDS.has(op.name)) {
      parts.push(s.slice(at, op.end), '\nEMC');
      at = op.end;
      open = false;
    }
  }
  parts.push(s.slice(at));
  if (open) parts.push('\nEMC');
  return { text: parts.join(''), wrapped };
}
