// Atomic repository updates. Everything new is written into a staging directory inside the repository
// (same file system), then renamed into place in the order the caller gives: package files and
// content-addressed indexes first, the top-level index (InRelease, repomd.xml) last, so a client never
// sees an index that names a file not yet there. On any failure, or Ctrl-C, the staging directory goes
// and the repository is as it was. The staging directory is also the lock: one update at a time.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { mkdir, rename, unlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { track, untrack } from '../core/cleanup.js';
import { PkgError, describeError } from '../core/errors.js';

const STAGING_DIR = '.pkgshift-staging';

export class Staging {
  readonly dir: string;
  #count = 0;
  /** [staged file, target path relative to the repository], in commit order. */
  readonly #moves: [string, string][] = [];
  /** Renamed after every other move: the top-level indexes clients start from. */
  readonly #last: [string, string][] = [];

  /** The repository directory did not exist: a failed first run removes it again. */
  readonly #createdRoot: boolean;

  constructor(readonly root: string) {
    this.dir = join(root, STAGING_DIR);
    this.#createdRoot = !existsSync(root);
    try {
      mkdirSync(root, { recursive: true });
      mkdirSync(this.dir);
    } catch (err) {
      if (this.#createdRoot && existsSync(root)) rmSync(root, { recursive: true, force: true });
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new PkgError('output-failed', `another pkgshift is updating ${root} (if none is, a killed one left ${this.dir}: remove it)`);
      }
      throw new PkgError('output-failed', `cannot write to the repository ${root}: ${describeError(err)}`, { cause: err });
    }
    track(this.#createdRoot ? root : this.dir);
  }

  /** A fresh path in the staging directory. */
  tempPath(): string {
    return join(this.dir, `f${this.#count++}`);
  }

  /** Schedules `staged` to be renamed to `target` (relative to the repository) at commit. */
  place(staged: string, target: string): void {
    this.#moves.push([staged, target]);
  }

  placeLast(staged: string, target: string): void {
    this.#last.push([staged, target]);
  }

  async writeText(target: string, content: string | Uint8Array, mtime?: number): Promise<void> {
    this.place(await this.#write(content, mtime), target);
  }

  async writeLast(target: string, content: string | Uint8Array, mtime?: number): Promise<void> {
    this.placeLast(await this.#write(content, mtime), target);
  }

  async setTime(path: string, mtime: number): Promise<void> {
    await utimes(path, mtime, mtime);
  }

  async #write(content: string | Uint8Array, mtime: number | undefined): Promise<string> {
    const path = this.tempPath();
    await writeFile(path, content, { mode: 0o644 });
    if (mtime !== undefined) await utimes(path, mtime, mtime);
    return path;
  }

  /** Renames every staged file into place, in order, then removes `obsolete` files (relative paths). */
  async commit(obsolete: Iterable<string> = []): Promise<void> {
    try {
      for (const [staged, target] of [...this.#moves, ...this.#last]) {
        const path = join(this.root, target);
        await mkdir(dirname(path), { recursive: true });
        await rename(staged, path);
      }
    } catch (err) {
      throw new PkgError('output-failed', `updating the repository ${this.root}: ${describeError(err)}`, { cause: err });
    } finally {
      this.discard();
    }
    for (const path of obsolete) await unlink(join(this.root, path)).catch(() => undefined);
  }

  discard(): void {
    rmSync(this.dir, { recursive: true, force: true });
    untrack(this.#createdRoot ? this.root : this.dir);
  }

  /** Discards everything staged; a repository directory this run created goes too. */
  abort(): void {
    this.discard();
    if (this.#createdRoot) rmSync(this.root, { recursive: true, force: true });
  }
}
