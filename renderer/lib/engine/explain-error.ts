// Engine layer, pure: turns DuckDB's error text into a sentence an analyst can act on, keeping the engine's own
// message alongside (it is precise, just not friendly). Refusals the app itself makes (typed by QueryErrorKind) are
// worded here too, so each has one wording wherever it shows.
import type { QueryErrorKind } from './types.ts';

export interface ExplainedError {
  summary: string;
  hint: string;
  engineMessage: string;
}

const RULES: { test: RegExp; explain: (m: RegExpMatchArray) => [string, string] }[] = [
  {
    test: /Table with name (.+?) does not exist/i,
    explain: (m) => [`There is no table called ${m[1]}.`, 'Check the table name against the Datasets list in the sidebar.'],
  },
  {
    test: /Referenced column "?(.+?)"? not found/i,
    explain: (m) => [`There is no column called ${m[1]} here.`, "Check the column name in the dataset's column list; names are case-sensitive when quoted."],
  },
  {
    test: /Parser Error: (.*)/i,
    explain: (m) => [`The SQL could not be read: ${m[1]}`, 'Look for a typo, a missing comma or an unclosed quote near the place named.'],
  },
  {
    test: /Conversion Error: (.*)/i,
    explain: (m) => [`A value could not be converted: ${m[1]}`, 'Use TRY_CAST to turn unconvertible values into NULL, or filter them out first.'],
  },
  {
    test: /Cannot change configuration option|configuration has been locked/i,
    explain: () => ['Settings are locked in this workbench.', 'The engine is locked down so that nothing can leave this computer; settings cannot be changed.'],
  },
  {
    test: /exists in the \w+ extension|extension "?\w+"? (is not|not found|could not)|Extension Autoloading|(download|install)\w* extension|HTTP(FS)?\b.*(disabled|not|error)|file "?https?:/i,
    explain: () => ['This needs the network or an extension, which the workbench does not allow.', 'Load files through the workbench instead; all data stays on this computer.'],
  },
  {
    // The native engine's sandbox: SQL may read only files imported through the workbench.
    test: /Permission Error: Cannot access (?:file|directory) "([^"]*)"/i,
    explain: (m) => [
      `SQL cannot open files on this computer, so “${m[1]}” was not read.`,
      'Bring the file in with Import data…, then query the table it makes; results leave through the export buttons.',
    ],
  },
  {
    test: /INTERRUPT|cancel/i,
    explain: () => ['The query was cancelled.', 'Run it again when you are ready.'],
  },
];

// The app's refusals, and failures the engine types itself (out of memory).
const REFUSALS: Record<Exclude<QueryErrorKind, 'sql'>, (subject: string) => [string, string]> = {
  'several-statements': () => [
    'Only one query can be used here, and this SQL holds several statements.',
    'Keep the one query whose result you want (a SELECT); run the other statements in a console.',
  ],
  writes: () => [
    'Only a query that reads data can be used here: this SQL would change data.',
    'Saved queries and key figures are re-run at every rebuild, so they may only read (SELECT …). Make tables in a console instead.',
  ],
  'engine-stopped': () => [
    'The data engine stopped, most likely because it ran out of memory.',
    'Restart the engine to go on: the built-in datasets and your imported tables are loaded again; other tables created in this session must be created again. Work with fewer rows or columns to stay within memory.',
  ],
  'not-allowed': () => [
    'This statement is not allowed in the workbench.',
    'Files come in through Import and go out through the export buttons: ATTACH, COPY to a file, INSTALL, LOAD and EXPORT are switched off so that no SQL can read or write files on this computer.',
  ],
  'out-of-memory': () => ['The query needs more memory than the engine has.', 'Filter or aggregate the data first, or select fewer columns.'],
  'published-table': (table) => [
    `${table} holds published figures, which cannot be changed.`,
    `To work on these figures, make your own copy first — CREATE TABLE my_copy AS SELECT * FROM ${table} — and change the copy.`,
  ],
};

/** Words for a failed query; `kind` says when the app refused it (the message then names what it refused). */
export function explainQueryError(engineMessage: string, kind: QueryErrorKind = 'sql', subject = ''): ExplainedError {
  if (kind !== 'sql') {
    const [summary, hint] = REFUSALS[kind](subject);
    return { summary, hint, engineMessage };
  }
  for (const rule of RULES) {
    const m = engineMessage.match(rule.test);
    if (m) {
      const [summary, hint] = rule.explain(m);
      return { summary, hint, engineMessage };
    }
  }
  return {
    summary: 'The query could not be run.',
    hint: "Read the engine's message below; fix the SQL and run it again. Nothing already loaded was lost.",
    engineMessage,
  };
}
