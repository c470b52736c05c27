// Script layer, Node only: the `idmg` command line (run as `npx idmg …` in this repository, through scripts/idmg.mjs).
// `idmg pack build` rebuilds a workbook's briefing pack without a person clicking (idmg-build.ts, loaded only then);
// the command line itself, its help and exit codes are idmg-args.ts's.
import { resolve } from 'node:path';
import { EXIT, parseCommandLine, UsageError, type Request } from './idmg-args.ts';

/** Runs one command line; resolves with the exit code. */
export async function main(argv: string[]): Promise<number> {
  let request: Request;
  try {
    request = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`idmg: ${err.detail}\n\n${err.help}`);
    return EXIT.usage;
  }
  if (request.kind === 'help') {
    process.stdout.write(request.text);
    return EXIT.ok;
  }
  const { runBuild } = await import('./idmg-build.ts');
  return runBuild(request);
}

if (process.argv[1] && import.meta.filename === resolve(process.argv[1])) process.exit(await main(process.argv.slice(2)));
