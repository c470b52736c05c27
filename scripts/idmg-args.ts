// Script layer, pure: the `idmg` command line — its help texts (which document the exit codes) and the parsing of
// `idmg pack build …` into a typed request, or a usage error with a kind (exit code 1). node:util's parseArgs does
// the tokenising; its own errors are told apart by their `code`, never their wording.
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type PackFileFormat } from '../renderer/lib/pack/export-files.ts';
import type { DataOverride } from './idmg-workbook.ts';

export const EXIT = { ok: 0, usage: 1, workbook: 2, data: 3, build: 4, check: 5 } as const;

export const MAIN_HELP = `Usage: idmg <command> [options]

The IDMG workbench from the command line. Runs offline.

Commands:
  pack build <workbook> --out <dir>   Rebuild a workbook's briefing pack as files (see: idmg pack build --help)

Options:
  -h, --help   Show this help.
`;

export const BUILD_HELP = `Usage: idmg pack build <workbook> --out <dir> [--format pdf,xlsx,ods,docx,zip] [--data table=path]… [--check]

Rebuilds the briefing pack saved in <workbook> without opening the app: the same engine, resolver, disclosure
control and exporters as the app's export buttons, and the PDF printed by headless Chromium from the app's own
print view (run \`npm run build\` once first). Live items are re-run on the data; frozen items keep their snapshot.
Files are named as the app names them (<title>-<date>.<ext>). Nothing leaves this machine.

Options:
  --out <dir>            Folder to write the files to (made if missing). Required.
  --format <list>        Comma-separated formats: pdf, xlsx, ods, docx, zip. Default: all five.
  --data <table>=<path>  Read <table> from the file at <path> instead of the workbook's own copy. Repeatable.
  --check                Also check the pack, and exit 5 if anything fails: an item that cannot be produced, a
                         protection audit that fails, a total that does not reconcile, or a frozen item whose
                         figures differ from a fresh run of the same item. The files are written either way.
  -h, --help             Show this help.

Progress and problems go to stderr; the path of each file written goes to stdout, one a line.
SOURCE_DATE_EPOCH (seconds since 1970), when set, is the export time written into the files.

Exit codes:
  0  the pack was written (with --check: and every check passed)
  1  usage error (this text says how to call it)
  2  the workbook cannot be read
  3  a --data file cannot be read
  4  the build failed (e.g. the renderer is not built, Chromium could not start, an export failed)
  5  --check found a failure (each is named on stderr: which check, which item)
`;

export type UsageKind =
  | 'no-command'
  | 'unknown-command'
  | 'unknown-option'
  | 'missing-value'
  | 'missing-workbook'
  | 'extra-argument'
  | 'missing-out'
  | 'unknown-format'
  | 'bad-data'
  | 'duplicate-data';

export class UsageError extends Error {
  constructor(
    readonly kind: UsageKind,
    readonly detail: string,
    readonly help: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

export type Request =
  | { kind: 'help'; text: string }
  | { kind: 'build'; workbook: string; out: string; formats: PackFileFormat[]; data: DataOverride[]; check: boolean };

const TABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `table=path` → { table, path }; the table is a plain identifier, the path anything non-empty (it may hold '='). */
export function parseDataOverride(text: string): DataOverride {
  const at = text.indexOf('=');
  const table = at < 0 ? '' : text.slice(0, at);
  const path = at < 0 ? '' : text.slice(at + 1);
  if (!TABLE.test(table) || path === '') throw new UsageError('bad-data', `--data ${text}: expected <table>=<path>, e.g. --data nrm_referrals=referrals.csv`, BUILD_HELP);
  return { table, path };
}

export function parseFormats(text: string): PackFileFormat[] {
  const asked = text.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = asked.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (asked.length === 0 || unknown.length > 0) throw new UsageError('unknown-format', `--format ${text}: choose from ${EXPORT_FORMATS.join(', ')}`, BUILD_HELP);
  return EXPORT_FORMATS.filter((f) => asked.includes(f));
}

function tokens(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { help: { type: 'boolean', short: 'h' }, out: { type: 'string' }, format: { type: 'string' }, data: { type: 'string', multiple: true }, check: { type: 'boolean' } },
    });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const detail = err instanceof Error ? err.message : String(err);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError('missing-value', detail, BUILD_HELP);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError('unknown-option', detail, BUILD_HELP);
    throw err;
  }
}

export function parseCommandLine(argv: string[]): Request {
  const { values, positionals } = tokens(argv);
  const [group, command, ...rest] = positionals;
  if (group === undefined) {
    if (values.help) return { kind: 'help', text: MAIN_HELP };
    throw new UsageError('no-command', 'no command given', MAIN_HELP);
  }
  if (group !== 'pack' || (command !== undefined && command !== 'build')) throw new UsageError('unknown-command', `unknown command: ${[group, command].filter(Boolean).join(' ')}`, MAIN_HELP);
  if (values.help) return { kind: 'help', text: BUILD_HELP };
  if (command === undefined) throw new UsageError('unknown-command', 'idmg pack needs a command: build', BUILD_HELP);
  const [workbook, ...extra] = rest;
  if (workbook === undefined) throw new UsageError('missing-workbook', 'no workbook file given', BUILD_HELP);
  if (extra.length > 0) throw new UsageError('extra-argument', `unexpected ${extra.join(' ')}: one workbook at a time`, BUILD_HELP);
  if (!values.out) throw new UsageError('missing-out', '--out <dir> is required', BUILD_HELP);
  const data = (values.data ?? []).map(parseDataOverride);
  const twice = data.find((d, i) => data.findIndex((e) => e.table === d.table) !== i);
  if (twice) throw new UsageError('duplicate-data', `--data names ${twice.table} twice`, BUILD_HELP);
  const formats = values.format === undefined ? [...EXPORT_FORMATS] : parseFormats(values.format);
  return { kind: 'build', workbook, out: values.out, formats, data, check: values.check ?? false };
}
