// Query layer, pure: what the SQL editor offers to complete at the cursor, from the engine's catalog (tables and
// views with their columns and types, DuckDB's functions with their signatures, its keywords). The same code serves
// both engines, so both complete alike. After `alias.` or `table.` it offers that table's columns, the alias read
// from the statement's FROM and JOIN clauses; after FROM, JOIN, INTO, UPDATE or TABLE it offers tables first.
import { statementAt, tokenizeStatements } from './statements.ts';

export interface CatalogColumn {
  name: string;
  type: string;
}

export interface CatalogTable {
  name: string;
  kind: 'table' | 'view';
  columns: CatalogColumn[];
}

export interface CatalogFunction {
  name: string;
  /** 'scalar', 'aggregate', 'table', 'macro', 'table_macro' as DuckDB names them. */
  kind: string;
  /** One per overload, e.g. "round(x DOUBLE, precision INTEGER) → DOUBLE". */
  signatures: string[];
  description: string;
}

export interface SqlCatalog {
  tables: CatalogTable[];
  functions: CatalogFunction[];
  keywords: string[];
  /** The reserved ones: a name that is one must be quoted (unreserved keywords such as FORCE may stand as names). */
  reserved: string[];
}

export type CompletionKind = 'table' | 'view' | 'column' | 'function' | 'keyword';

export interface SqlCompletion {
  label: string;
  kind: CompletionKind;
  /** Shown beside the label: a column's type and table, a function's first signature, a table's column count. */
  detail: string;
  /** Longer text for the side panel: every signature and the description. */
  info?: string;
  /** The text put in: the label, quoted where SQL needs it. */
  apply: string;
}

export interface CompletionResult {
  /** Where the text being completed starts (its end is the cursor). */
  from: number;
  options: SqlCompletion[];
}

const TABLE_CONTEXT = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', 'DESCRIBE', 'SUMMARIZE']);
/** Words that end a FROM item, so they are never read as its alias. */
const CLAUSE_WORDS = new Set(['WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'POSITIONAL', 'ASOF', 'ANTI', 'SEMI', 'OUTER', 'ON', 'USING', 'UNION', 'EXCEPT', 'INTERSECT', 'WINDOW', 'QUALIFY', 'SELECT', 'FROM', 'SET', 'VALUES', 'RETURNING', 'PIVOT', 'UNPIVOT', 'SAMPLE', 'TABLESAMPLE']);
const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const WORD_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;

/** A name as SQL must write it: plain when it can be, else double-quoted (`reserved`: upper-case reserved words). */
export function sqlIdentifier(name: string, keywords: ReadonlySet<string>): string {
  return PLAIN_IDENTIFIER.test(name) && !keywords.has(name.toUpperCase()) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** True when `pos` lies inside a string literal or a comment. */
function insideLiteral(text: string, pos: number): boolean {
  let i = 0;
  while (i < pos) {
    if (text.startsWith('--', i)) {
      const end = text.indexOf('\n', i);
      if (end < 0 || end >= pos) return true;
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0 || end + 2 > pos) return true;
      i = end + 2;
    } else if (text[i] === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0 || end >= pos) return true;
      i = end + 1;
    } else i += 1;
  }
  return false;
}

/** The tables a statement reads, by the name or alias it gives them (upper-cased keys). */
export function tableAliases(statement: string): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const tokens of tokenizeStatements(statement)) {
    for (let k = 0; k < tokens.length; k += 1) {
      const word = tokens[k]!;
      if (word.kind !== 'word' || !['FROM', 'JOIN'].includes(word.text.toUpperCase())) continue;
      let j = k + 1;
      for (;;) {
        const name: string[] = [];
        while (j < tokens.length && (tokens[j]!.kind === 'ident' || (tokens[j]!.kind === 'word' && !CLAUSE_WORDS.has(tokens[j]!.text.toUpperCase())))) {
          name.push(tokens[j]!.text);
          if (tokens[j + 1]?.text === '.' && tokens[j + 1]?.kind === 'punct') j += 2;
          else {
            j += 1;
            break;
          }
        }
        if (!name.length) break;
        const table = name.at(-1)!;
        aliases.set(table.toUpperCase(), table);
        if (tokens[j]?.kind === 'word' && tokens[j]!.text.toUpperCase() === 'AS') j += 1;
        const alias = tokens[j];
        if (alias && (alias.kind === 'ident' || (alias.kind === 'word' && !CLAUSE_WORDS.has(alias.text.toUpperCase())))) {
          aliases.set(alias.text.toUpperCase(), table);
          j += 1;
        }
        if (word.text.toUpperCase() !== 'FROM' || tokens[j]?.text !== ',') break;
        j += 1;
      }
    }
  }
  return aliases;
}

function signatureInfo(f: CatalogFunction): string {
  return [...f.signatures.slice(0, 6), f.signatures.length > 6 ? `…and ${f.signatures.length - 6} more forms` : '', f.description].filter(Boolean).join('\n');
}

function columnOptions(table: CatalogTable, keywords: ReadonlySet<string>): SqlCompletion[] {
  return table.columns.map((c) => ({ label: c.name, kind: 'column', detail: `${c.type} · ${table.name}`, apply: sqlIdentifier(c.name, keywords) }));
}

function tableOptions(tables: readonly CatalogTable[], keywords: ReadonlySet<string>): SqlCompletion[] {
  return tables.map((t) => ({ label: t.name, kind: t.kind, detail: `${t.kind} · ${t.columns.length} columns`, apply: sqlIdentifier(t.name, keywords) }));
}

function findTable(catalog: SqlCatalog, name: string): CatalogTable | undefined {
  const upper = name.toUpperCase();
  return catalog.tables.find((t) => t.name.toUpperCase() === upper);
}

/** Keeps the options whose label starts with the typed text (any case), tables-or-columns first as the context says. */
function matching(options: SqlCompletion[], typed: string, order: readonly CompletionKind[]): SqlCompletion[] {
  const prefix = typed.replace(/^"/, '').toLowerCase();
  const seen = new Set<string>();
  return options
    .filter((o) => o.label.toLowerCase().startsWith(prefix))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.label.localeCompare(b.label))
    .filter((o) => {
      const key = `${o.kind}:${o.label}:${o.detail}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
}

/**
 * What to offer at `pos` in `text`. `explicit`: asked for (Ctrl+Space), so an empty word offers everything;
 * otherwise only once something is typed. Null when there is nothing to offer (inside a string or comment).
 */
export function completeSql(text: string, pos: number, catalog: SqlCatalog, explicit = false): CompletionResult | null {
  if (insideLiteral(text, pos)) return null;
  const keywords = new Set(catalog.reserved.map((k) => k.toUpperCase()));
  let from = pos;
  while (from > 0 && WORD_CHAR.test(text[from - 1]!)) from -= 1;
  if (from > 0 && text[from - 1] === '"') from -= 1;
  const typed = text.slice(from, pos);
  const range = statementAt(text, pos);
  const statement = range ? text.slice(range.from, Math.max(range.to, pos)) : '';

  // After "name." the columns of the table that name stands for.
  if (text[from - 1] === '.') {
    const dot = from - 1;
    let qualifier: string;
    if (text[dot - 1] === '"') {
      const open = text.lastIndexOf('"', dot - 2);
      qualifier = text.slice(open + 1, dot - 1).replace(/""/g, '"');
    } else {
      let start = dot;
      while (start > 0 && WORD_CHAR.test(text[start - 1]!)) start -= 1;
      qualifier = text.slice(start, dot);
    }
    const table = findTable(catalog, tableAliases(statement).get(qualifier.toUpperCase()) ?? qualifier);
    if (table) return { from, options: matching(columnOptions(table, keywords), typed, ['column']) };
    // A schema or database name: its tables.
    if (['MAIN', 'WORKBENCH', 'MEMORY'].includes(qualifier.toUpperCase())) return { from, options: matching(tableOptions(catalog.tables, keywords), typed, ['table', 'view']) };
    return null;
  }
  if (typed === '' && !explicit) return null;

  const before = text.slice(range ? range.from : 0, from).trimEnd();
  const previousWord = /([A-Za-z_]+)$/.exec(before)?.[1]?.toUpperCase() ?? '';
  const wantsTable = TABLE_CONTEXT.has(previousWord);
  const inStatement = [...tableAliases(statement).values()].map((name) => findTable(catalog, name)).filter((t): t is CatalogTable => t !== undefined);
  const columns = [...new Set(inStatement)].flatMap((t) => columnOptions(t, keywords));
  const functions: SqlCompletion[] = catalog.functions.map((f) => ({ label: f.name, kind: 'function', detail: f.signatures[0] ?? f.kind, info: signatureInfo(f), apply: f.name }));
  const words: SqlCompletion[] = catalog.keywords.map((k) => ({ label: k.toUpperCase(), kind: 'keyword', detail: 'keyword', apply: k.toUpperCase() }));
  const tables = tableOptions(catalog.tables, keywords);
  const order: CompletionKind[] = wantsTable ? ['table', 'view', 'keyword', 'column', 'function'] : ['column', 'keyword', 'function', 'table', 'view'];
  const options = wantsTable ? [...tables, ...words] : [...columns, ...words, ...functions, ...tables];
  return { from, options: matching(options, typed, order) };
}
