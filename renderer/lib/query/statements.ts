// Query layer, pure: reads SQL typed by the analyst just far enough to see which tables each statement would
// change or create — a DuckDB-aware tokenizer (strings, E'' and $$ quoting, quoted identifiers, nested comments)
// and the targets of INSERT, UPDATE, DELETE, TRUNCATE, ALTER, DROP, CREATE, COPY … FROM and COMMENT ON, and any USE or
// DETACH that would take the work database away. The console uses it to refuse any change to a built-in table of
// published figures with a plain message; exports do not rely on it (they check each table's fingerprint), so it names the usual forms, not every conceivable one.
import { DEFAULT_SCHEMA_PATHS, WORK_DATABASE } from './work-database.ts';

interface Token {
  kind: 'word' | 'ident' | 'punct';
  text: string;
  depth: number;
}

/** Index just past a quoted run starting at `start` (a quote character repeated twice stands for itself). */
function endOfQuoted(sql: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslash && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}

function endOfBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

/** One statement of a SQL text: its tokens (comments, strings and numbers left out) and where its text lies. */
interface ScannedStatement {
  tokens: Token[];
  /** Index of its first character that is not space or comment (-1 while none). */
  from: number;
  /** Index just past its last character before the `;` that ends it (or the end of the text). */
  to: number;
}

function scanStatements(sql: string): ScannedStatement[] {
  const statements: ScannedStatement[] = [{ tokens: [], from: -1, to: -1 }];
  let depth = 0;
  let i = 0;
  const current = () => statements.at(-1)!;
  const push = (t: Token) => current().tokens.push(t);
  while (i < sql.length) {
    const c = sql[i]!;
    const start = i;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (sql.startsWith('--', i)) {
      i = sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i) + 1;
      continue;
    }
    if (sql.startsWith('/*', i)) {
      i = endOfBlockComment(sql, i);
      continue;
    }
    if (c === ';') {
      statements.push({ tokens: [], from: -1, to: -1 });
      depth = 0;
      i += 1;
      continue;
    }
    if (c === "'") i = endOfQuoted(sql, i, "'", false);
    else if ((c === 'e' || c === 'E') && sql[i + 1] === "'") i = endOfQuoted(sql, i + 1, "'", true);
    else if (c === '"') {
      const end = endOfQuoted(sql, i, '"', false);
      push({ kind: 'ident', text: sql.slice(i + 1, end - 1).replace(/""/g, '"'), depth });
      i = end;
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i))) {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))![0];
      const close = sql.indexOf(tag, i + tag.length);
      i = close < 0 ? sql.length : close + tag.length;
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j]!)) j += 1;
      push({ kind: 'word', text: sql.slice(i, j), depth });
      i = j;
    } else {
      if (c === ')') depth = Math.max(0, depth - 1);
      push({ kind: 'punct', text: c, depth });
      if (c === '(') depth += 1;
      i += 1;
    }
    const statement = current();
    if (statement.from < 0) statement.from = start;
    statement.to = i;
  }
  return statements.filter((s) => s.from >= 0);
}

/** The statements of a SQL text, each as its tokens (comments, strings and numbers left out). */
export function tokenizeStatements(sql: string): Token[][] {
  return scanStatements(sql).map((s) => s.tokens).filter((t) => t.length > 0);
}

/** Where a statement's text lies in a SQL text: `sql.slice(from, to)`, without its `;` or surrounding comments. */
export interface StatementRange {
  from: number;
  to: number;
}

/** Each statement of a SQL text, in order (empty ones, as in `;;`, are left out). */
export function statementRanges(sql: string): StatementRange[] {
  return scanStatements(sql).map(({ from, to }) => ({ from, to }));
}

/**
 * The statement the cursor at `pos` is in: the one it lies within, else the nearest one before it (the cursor just
 * after `;` or on a blank line below), else the first one. Null when the text has no statement.
 */
export function statementAt(sql: string, pos: number): StatementRange | null {
  const ranges = statementRanges(sql);
  let found: StatementRange | null = null;
  for (const range of ranges) if (range.from <= pos) found = range;
  return found ?? ranges[0] ?? null;
}

/** A table a statement would change (`creates`: make or replace one of that name). */
export interface TableChange {
  verb: string;
  /** The name's parts as written: [table], [schema, table] or [database, schema, table]. */
  name: string[];
  creates: boolean;
}

const MAIN_VERBS = new Set(['SELECT', 'FROM', 'VALUES', 'TABLE', 'INSERT', 'UPDATE', 'DELETE', 'PIVOT', 'UNPIVOT']);

class Reader {
  i = 0;
  constructor(private readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  word(offset = 0): string {
    const t = this.peek(offset);
    return t?.kind === 'word' ? t.text.toUpperCase() : '';
  }
  /** Skips the words given, in order, if they are next; true if all were there. */
  skip(...words: string[]): boolean {
    if (!words.every((w, k) => this.word(k) === w)) return false;
    this.i += words.length;
    return true;
  }
  /** Skips the next word if it is one of `words`; true if it was. */
  skipOne(...words: string[]): boolean {
    return words.includes(this.word()) && this.skip(this.word());
  }
  /** A possibly qualified name (a.b.c), or [] when none is next. */
  name(): string[] {
    const parts: string[] = [];
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'punct') return parts;
      parts.push(t.text);
      this.i += 1;
      if (this.peek()?.text !== '.') return parts;
      this.i += 1;
    }
  }
  /** Moves to the first top-level word among `words`; false if there is none. */
  seek(words: Set<string>): boolean {
    while (this.i < this.tokens.length) {
      const t = this.peek()!;
      if (t.kind === 'word' && t.depth === 0 && words.has(t.text.toUpperCase())) return true;
      this.i += 1;
    }
    return false;
  }
}

function changesOfStatement(tokens: Token[]): TableChange[] {
  const r = new Reader(tokens);
  for (;;) {
    if (r.skip('EXPLAIN')) r.skipOne('ANALYZE', 'ANALYSE');
    else if (r.word() === 'PREPARE') {
      if (!r.seek(new Set(['AS']))) return [];
      r.i += 1;
    } else if (r.word() === 'WITH') {
      if (!r.seek(MAIN_VERBS)) return [];
    } else break;
  }
  const verb = r.word();
  r.i += 1;
  const one = (creates = false): TableChange[] => {
    const name = r.name();
    return name.length ? [{ verb, name, creates }] : [];
  };
  switch (verb) {
    case 'INSERT':
      if (r.skip('OR')) r.skipOne('REPLACE', 'IGNORE');
      r.skip('INTO');
      return one();
    case 'UPDATE':
      return one();
    case 'DELETE':
      r.skip('FROM');
      return one();
    case 'TRUNCATE':
      r.skip('TABLE');
      return one();
    case 'COPY': {
      const changes = one();
      return r.word() === 'FROM' ? changes : [];
    }
    case 'ALTER': {
      if (!r.skipOne('TABLE', 'VIEW')) return [];
      r.skip('IF', 'EXISTS');
      const changes = one();
      if (r.seek(new Set(['RENAME'])) && r.skip('RENAME', 'TO')) {
        const to = r.name();
        if (to.length) changes.push({ verb, name: to, creates: true });
      }
      return changes;
    }
    case 'DROP': {
      if (!r.skipOne('TABLE', 'VIEW')) return [];
      r.skip('IF', 'EXISTS');
      const changes = one();
      while (r.peek()?.text === ',') {
        r.i += 1;
        changes.push(...one());
      }
      return changes;
    }
    case 'CREATE':
      r.skip('OR', 'REPLACE');
      r.skipOne('TEMP', 'TEMPORARY', 'PERSISTENT');
      if (!r.skipOne('TABLE', 'VIEW')) return [];
      r.skip('IF', 'NOT', 'EXISTS');
      return one(true);
    // Leaving the work database, or detaching it, takes every table out of reach of the app's own queries.
    case 'USE': {
      const name = r.name();
      return name[0]?.toLowerCase() === WORK_DATABASE ? [] : [{ verb, name, creates: false }];
    }
    case 'DETACH': {
      r.skip('DATABASE');
      r.skip('IF', 'EXISTS');
      const name = r.name();
      return name[0]?.toLowerCase() === WORK_DATABASE ? [{ verb, name, creates: false }] : [];
    }
    case 'COMMENT': {
      if (!r.skip('ON')) return [];
      const column = r.skip('COLUMN');
      if (!column && !r.skipOne('TABLE', 'VIEW')) return [];
      const name = r.name();
      const table = column ? name.slice(0, -1) : name;
      return table.length ? [{ verb, name: table, creates: false }] : [];
    }
    default:
      return [];
  }
}

/** Every table change the SQL's statements name, in order. */
export function tableChanges(sql: string): TableChange[] {
  return tokenizeStatements(sql).flatMap(changesOfStatement);
}

/**
 * The first of `tables` (names in the default schema) that the SQL would change, replace or hide behind a table of
 * the same name — or null. A name qualified with another schema or database is another table, except when created:
 * a same-named table anywhere could shadow the published one.
 */
export function changedTable(sql: string, tables: readonly string[]): string | null {
  const lower = new Map(tables.map((t) => [t.toLowerCase(), t]));
  for (const change of tableChanges(sql)) {
    if (change.verb === 'USE' || change.verb === 'DETACH') return tables[0] ?? null;
    const table = lower.get(change.name.at(-1)!.toLowerCase());
    if (!table) continue;
    const where = change.name.slice(0, -1).map((p) => p.toLowerCase()).join('.');
    if (change.creates || DEFAULT_SCHEMA_PATHS.includes(where)) return table;
  }
  return null;
}
