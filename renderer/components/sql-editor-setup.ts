// Generic component helper: the CodeMirror 6 set-up of the SQL editor — DuckDB's dialect for highlighting, bracket
// matching and closing, comment toggle (Ctrl+/), find and replace (Ctrl+F), several cursors (Ctrl+click, Ctrl+D),
// completion from a source the caller gives, run keys that overrule everything else, a marked error span, and SQL
// formatting. Tab is left to move focus out of the editor (no keyboard trap); Ctrl+Space opens completion.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionContext, type CompletionResult as CmResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { PostgreSQL, SQLDialect, sql } from '@codemirror/lang-sql';
import { bracketMatching, defaultHighlightStyle, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { format } from 'sql-formatter';
import type { CompletionResult, SqlCompletion } from '../lib/query/completion.ts';
import { statementAt } from '../lib/query/statements.ts';

/**
 * CodeMirror's default colours, but each at least 4.5:1 on the editor's white and on the active line's #f8f8f8
 * (WCAG AA): its orange for escapes (#e40, 3.5:1), red for invalid text (#f00, 4.0:1) and green for type names such as
 * DATE (#085, 4.2:1 on the active line) are darkened; the rest already pass.
 */
const DARKER: Record<string, string> = { '#e40': '#b53000', '#f00': '#c00', '#085': '#00704a' };
const HIGHLIGHT = HighlightStyle.define(defaultHighlightStyle.specs.map((spec) => (typeof spec.color === 'string' && DARKER[spec.color] ? { ...spec, color: DARKER[spec.color] } : spec)));

/** What the analyst asked to run: the text and where it starts in the editor (so an error can be marked there). */
export interface RunRequest {
  sql: string;
  offset: number;
  scope: 'all' | 'selection' | 'statement';
}

const DUCKDB = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} anti asof attach columns describe detach exclude install macro pivot pivot_longer pivot_wider positional pragma qualify semi struct summarize unpivot union_by_name`,
  types: `${PostgreSQL.spec.types ?? ''} blob hugeint list map struct tinyint ubigint uhugeint uinteger union usmallint utinyint varchar`,
});

const setError = StateEffect.define<{ from: number; to: number } | null>();
const errorMark = Decoration.mark({ class: 'cm-sql-error', attributes: { title: 'The engine reported its error here' } });
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setError)) continue;
      const at = e.value;
      next = at && at.to > at.from && at.to <= tr.state.doc.length ? Decoration.set([errorMark.range(at.from, at.to)]) : Decoration.none;
    }
    // Typing anywhere means the analyst is fixing it: the mark goes.
    return tr.docChanged ? Decoration.none : next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Marks `from`–`to` as where the engine's error lies (null clears it), and shows it. */
export function markError(view: EditorView, at: { from: number; to: number } | null): void {
  const effects: StateEffect<unknown>[] = [setError.of(at)];
  if (at && at.to <= view.state.doc.length) effects.push(EditorView.scrollIntoView(at.from, { y: 'nearest' }));
  view.dispatch({ effects });
}

/** The end of the word at `offset`, so a mark covers the name the engine complained of (at least one character). */
export function wordEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_$"\u0080-\uffff]/.test(text[end]!)) end += 1;
  return Math.max(end, Math.min(offset + 1, text.length));
}

/** The SQL in `text` laid out by sql-formatter's DuckDB rules; throws on SQL it cannot read. */
export function formatSql(text: string): string {
  return format(text, { language: 'duckdb', keywordCase: 'upper', tabWidth: 2 });
}

/** The document's selection inside the editor (its shadow root's, where the editor lives in one), or null. */
function domSelection(view: EditorView): StaticRange | null {
  const root = view.root as (Document | ShadowRoot) & { getSelection?: () => Selection | null };
  const selection = root.getSelection?.() ?? document.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return view.contentDOM.contains(range.startContainer) && view.contentDOM.contains(range.endContainer) ? range : null;
}

/**
 * Typed text (and a selection deleted) is put in by CodeMirror, not by the browser: Chromium's own editing carries
 * the highlighting of the text around along as style="" spans, which the page's Content-Security-Policy refuses
 * (Chromium 150 no longer honours CodeMirror's plain-text-only styling). The editor's input handlers (bracket
 * closing) still see the text first. An input method's composition is left to the browser and CodeMirror.
 */
const replaceSelectionInput = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const typed = event.inputType === 'insertText' || event.inputType === 'insertReplacementText';
    if (view.composing || !(typed || event.inputType.startsWith('delete'))) return false;
    // The range the browser is about to change: CodeMirror may not have read a selection just made yet.
    const target = event.getTargetRanges()[0] ?? domSelection(view);
    let from = view.state.selection.main.from;
    let to = view.state.selection.main.to;
    if (target) {
      try {
        [from, to] = [view.posAtDOM(target.startContainer, target.startOffset), view.posAtDOM(target.endContainer, target.endOffset)].sort((a, b) => a - b) as [number, number];
      } catch {
        // a range outside the text: CodeMirror's own selection stands
      }
    }
    const text = typed ? (event.data ?? event.dataTransfer?.getData('text/plain') ?? null) : '';
    if (text === null || (text === '' && from === to)) return false;
    event.preventDefault();
    const main = view.state.selection.main;
    // Several cursors, typed at the main one: the text goes at each, as CodeMirror's own typing does.
    const spec = view.state.selection.ranges.length > 1 && main.from === from && main.to === to ? view.state.replaceSelection(text) : { changes: { from, to, insert: text }, selection: { anchor: from + text.length } };
    const insert = () => view.state.update(spec, { userEvent: typed ? 'input.type' : 'delete.selection', scrollIntoView: true });
    if (!typed || !view.state.facet(EditorView.inputHandler).some((handler) => handler(view, from, to, text, insert))) view.dispatch(insert());
    return true;
  },
});

/** The editor's look (inside its shadow root, the page's style sheet does not reach it). */
const THEME = EditorView.theme({
  '&': { minHeight: '8rem', maxHeight: '40vh', backgroundColor: '#fff', color: '#0b0c0c' },
  '.cm-scroller': { overflow: 'auto' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '0' },
  '.cm-content, .cm-gutters': { fontFamily: "ui-monospace, 'Cascadia Mono', Consolas, monospace", fontSize: '0.9rem' },
  '.cm-gutters': { backgroundColor: '#f3f2f1', color: '#505a5f', borderRight: '1px solid #b1b4b6' },
  '.cm-activeLine': { backgroundColor: '#f8f8f8' },
  '.cm-sql-error': { textDecoration: 'underline wavy #d4351c', textDecorationThickness: '2px', backgroundColor: '#fbe9e7' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: '#1d70b8', color: '#fff' },
});

const COMPLETION_TYPE: Record<SqlCompletion['kind'], string> = { table: 'class', view: 'interface', column: 'property', function: 'function', keyword: 'keyword' };

export interface EditorOptions {
  label: string;
  describedBy: string;
  complete: (text: string, pos: number, explicit: boolean) => CompletionResult | null;
  onchange: (text: string) => void;
  onrun: (request: RunRequest) => void;
  onformat: () => void;
}

function runKeys(options: EditorOptions): Extension {
  const run = (request: RunRequest | null) => {
    if (request) options.onrun(request);
    return true;
  };
  return Prec.highest(
    keymap.of([
      { key: 'Mod-Enter', run: (view) => run(selectionOrAll(view)) },
      { key: 'Shift-Mod-Enter', run: (view) => run(statementUnderCursor(view)) },
      { key: 'Shift-Alt-f', run: () => (options.onformat(), true) },
    ]),
  );
}

/** The selected text when there is a selection, else the whole editor. */
export function selectionOrAll(view: EditorView): RunRequest {
  const { from, to } = view.state.selection.main;
  if (to > from) return { sql: view.state.sliceDoc(from, to), offset: from, scope: 'selection' };
  return { sql: view.state.doc.toString(), offset: 0, scope: 'all' };
}

/** The statement the cursor is in (or just after), or null when the editor holds no statement. */
export function statementUnderCursor(view: EditorView): RunRequest | null {
  const text = view.state.doc.toString();
  const range = statementAt(text, view.state.selection.main.head);
  return range && { sql: text.slice(range.from, range.to), offset: range.from, scope: 'statement' };
}

export function editorExtensions(options: EditorOptions): Extension[] {
  return [
    runKeys(options),
    lineNumbers(),
    history(),
    drawSelection(),
    EditorState.allowMultipleSelections.of(true),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    syntaxHighlighting(HIGHLIGHT, { fallback: true }),
    sql({ dialect: DUCKDB, upperCaseKeywords: true }),
    autocompletion({
      // Completions come from memory in about a millisecond: no need to wait for more typing before asking.
      activateOnTypingDelay: 0,
      override: [
        (ctx: CompletionContext): CmResult | null => {
          const found = options.complete(ctx.state.doc.toString(), ctx.pos, ctx.explicit);
          if (!found || found.options.length === 0) return null;
          return {
            from: found.from,
            filter: false,
            options: found.options.slice(0, 200).map((o) => ({ label: o.label, type: COMPLETION_TYPE[o.kind], detail: o.detail, info: o.info, apply: o.apply })),
          };
        },
      ],
    }),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap]),
    errorField,
    THEME,
    EditorView.lineWrapping,
    replaceSelectionInput,
    EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-describedby': options.describedBy, 'aria-multiline': 'true' }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) options.onchange(u.state.doc.toString());
    }),
  ];
}
