// Engine host layer: where files registered for SQL live on disk. The sandbox lets SQL read only the data folder's
// files/ (sandbox.ts), so every file the analyst imports is put there under a name the host chooses — short, plain
// characters, unique by a counter — whatever the page called it. A file already streamed to disk (web mode's server
// writes large uploads to incoming/) is moved in, never copied, after checking it really is a plain file there.
import { lstat, mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { filesDir, incomingDir } from './sandbox.ts';

/** A request the host refuses as malformed (kind 'bad-request' in the reply). */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
}

/** The name's plain part: [A-Za-z0-9._-] only, no leading dots, at most 60 characters. */
export function sanitiseName(name: string): string {
  const plain = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(-60);
  return plain || 'file';
}

export class RegisteredFiles {
  private counter = 0;
  /** The page's name → the absolute path SQL reads it by. */
  private readonly paths = new Map<string, string>();

  constructor(private readonly dataDir: string) {}

  /**
   * Empties files/ at open: a file registered by an earlier session is registered with no one now, and imports can be
   * gigabytes, so they would pile up on disk session after session.
   */
  async prepare(): Promise<void> {
    await rm(filesDir(this.dataDir), { recursive: true, force: true });
    await mkdir(filesDir(this.dataDir), { recursive: true });
    await mkdir(incomingDir(this.dataDir), { recursive: true });
  }

  /**
   * Registers `name` from the request's bytes or a staged file; the reply's path is what SQL names. Registering a
   * name again replaces the earlier file.
   */
  async register(name: string, source: { bytes?: Uint8Array; staged?: string }): Promise<string> {
    const staged = source.staged === undefined ? undefined : await this.checkStaged(source.staged);
    // The counter alone makes names unique within a session; 'wx' makes sure nothing else's file is replaced.
    let target: string;
    for (;;) {
      target = join(filesDir(this.dataDir), `${++this.counter}-${sanitiseName(name)}`);
      try {
        await writeFile(target, staged === undefined ? (source.bytes ?? new Uint8Array(0)) : new Uint8Array(0), { flag: 'wx' });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    if (staged !== undefined) await rename(staged, target);
    await this.drop(name);
    this.paths.set(name, target);
    return target;
  }

  /** Deletes the file registered as `name`; unknown names are ignored. */
  async drop(name: string): Promise<void> {
    const path = this.paths.get(name);
    if (path === undefined) return;
    this.paths.delete(name);
    await rm(path, { force: true });
  }

  /** The staged path, resolved, when it is a plain file directly inside incoming/ (no link, no subfolder, no escape). */
  private async checkStaged(staged: string): Promise<string> {
    const refuse = (): never => {
      throw new BadRequestError(`The staged file must be a plain file in the engine's incoming folder: ${staged}`);
    };
    try {
      const incoming = await realpath(incomingDir(this.dataDir));
      const info = await lstat(staged);
      if (!info.isFile()) return refuse();
      const resolved = await realpath(staged);
      if (dirname(resolved) !== incoming || basename(resolved) !== basename(staged)) return refuse();
      return resolved;
    } catch (err) {
      if (err instanceof BadRequestError) throw err;
      return refuse();
    }
  }
}
