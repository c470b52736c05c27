// Main-process layer, Node-bound (no Electron): the disk half of serving the built renderer. resolveInside() in
// static-files.ts only reasons about the path's text; a symlink inside out/renderer could still point anywhere on
// disk. This resolves the candidate with realpath and answers 'file' only for a regular file whose real path is
// inside the root's real path. Shared by the app:// protocol (injected into decideRequest) and web mode.
import { realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';

export type FileLookup =
  /** A regular file inside the root; `path` is its real path (serve this one, not the candidate). */
  | { kind: 'file'; path: string }
  /** The candidate exists but resolves outside the root (a symlink leading out). */
  | { kind: 'outside' }
  /** Nothing there, not a regular file, or unreadable. */
  | { kind: 'missing' };

/** Looks up one candidate path (already checked textually by resolveInside) on disk. */
export type LookupFile = (candidate: string) => FileLookup;

function realpathOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}

/** Real-path containment: the file's real path must be the root's real path plus a separator and more. */
export function lookupFileInside(root: string, candidate: string): FileLookup {
  const realRoot = realpathOrNull(root);
  const real = realpathOrNull(candidate);
  if (realRoot === null || real === null) return { kind: 'missing' };
  if (!real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) return { kind: 'outside' };
  try {
    return statSync(real).isFile() ? { kind: 'file', path: real } : { kind: 'missing' };
  } catch {
    return { kind: 'missing' };
  }
}

/** A LookupFile bound to one root, for decideRequest and the web-mode server. */
export function fileLookupFor(root: string): LookupFile {
  return (candidate) => lookupFileInside(root, candidate);
}
