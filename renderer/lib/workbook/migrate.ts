// Workbook layer, pure: opening a manifest of any version this workbench knows, as Perspective upgrades saved
// viewers (rust/perspective-viewer/src/ts/migrate.ts): one small migration per format version, applied in order until
// the manifest is current, then parsed strictly (parse.ts). A manifest from a newer workbench is refused, never
// guessed at; each migration is pure, so the app, the headless rebuild and tests upgrade files the same way.
import { fail, type Obj } from './check.ts';
import { parseWorkbook } from './parse.ts';
import { WORKBOOK_FORMAT, WORKBOOK_VERSION, type Workbook } from './spec.ts';

/** MIGRATIONS[n] turns a format-n manifest into format n+1. Format 0: the draft manifest with one `pack`. */
export const MIGRATIONS: Record<number, (manifest: Obj) => Obj> = {
  0: ({ pack, ...rest }) => ({ ...rest, version: 1, packs: pack === undefined || pack === null ? [] : [pack] }),
};

/** The format version a manifest says it is in, checked to be one this workbench can bring up to date. */
function versionOf(manifest: Obj): number {
  const v = manifest.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail('wrong-type', 'format version', 'The workbook does not say which format version it is in, so it cannot be read.');
  if (v > WORKBOOK_VERSION) fail('newer-version', 'format version', `This workbook was saved by a newer version of the workbench (workbook format ${v}; this version reads up to ${WORKBOOK_VERSION}). Update the workbench to open it.`);
  return v;
}

/** A manifest object brought up to the current format (not yet checked). */
export function migrateManifest(manifest: unknown): Obj {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest) || (manifest as Obj).format !== WORKBOOK_FORMAT) {
    fail('not-a-workbook', 'manifest', 'This file is not an IDMG workbook: its manifest is not one the workbench wrote.');
  }
  let current = manifest as Obj;
  for (let v = versionOf(current); v < WORKBOOK_VERSION; v += 1) {
    const step = MIGRATIONS[v];
    if (!step) fail('not-allowed', 'format version', `This workbook is in format ${v}, which this version of the workbench cannot upgrade.`);
    current = step(current);
  }
  return current;
}

/** The manifest's text (as read from the file) → a current, fully checked workbook; WorkbookFormatError otherwise. */
export function readWorkbookManifest(text: string): Workbook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    fail('not-json', 'manifest', 'The workbook\'s manifest is damaged (it is not valid JSON), so the file cannot be opened. Open an earlier copy of the workbook.');
  }
  return parseWorkbook(migrateManifest(raw));
}
