// Query layer, pure: where in the SQL an engine error points. DuckDB ends a parser, binder or catalog error with the
// line it concerns and a caret under the spot ("LINE 3:   nosuch FROM x" / "          ^"); a long line is shown cut,
// with "..." where text was left out. This turns that into an offset in the SQL that was run.

export interface ErrorPosition {
  /** 1-based line and column in the SQL that was run. */
  line: number;
  column: number;
  /** 0-based index into that SQL. */
  offset: number;
}

const LINE_MARK = /^LINE (\d+): (.*)$/;

/** The spot an engine message points at in `sql`, or null when it names none (or names one `sql` does not have). */
export function errorPosition(message: string, sql: string): ErrorPosition | null {
  const lines = message.split('\n');
  for (let k = 0; k + 1 < lines.length; k += 1) {
    const mark = LINE_MARK.exec(lines[k]!);
    const caret = lines[k + 1]!.indexOf('^');
    if (!mark || caret < 0 || lines[k + 1]!.trim() !== '^') continue;
    const lineNo = Number(mark[1]);
    const shown = mark[2]!;
    const sqlLines = sql.split('\n');
    const text = sqlLines[lineNo - 1];
    if (text === undefined) return null;
    const prefix = lines[k]!.length - shown.length;
    let inShown = caret - prefix;
    // A cut line starts with "..." and may end with it: find the shown part in the real line.
    let snippet = shown;
    if (snippet.startsWith('...')) {
      snippet = snippet.slice(3);
      inShown -= 3;
    }
    if (snippet.endsWith('...') && !text.endsWith(snippet)) snippet = snippet.slice(0, -3);
    const at = text.indexOf(snippet);
    if (at < 0 || inShown < 0) return null;
    const column = Math.min(at + inShown, text.length) + 1;
    const offset = sqlLines.slice(0, lineNo - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    return { line: lineNo, column, offset };
  }
  return null;
}

/** Line and column (1-based) of index `offset` in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}
