// Writes an output file atomically: into a temporary name beside the target, renamed at the end.
// After any failure neither the target nor the temporary file remains.
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { track, untrack } from './core/cleanup.js';
import { PkgError, describeError } from './core/errors.js';

/** The output path: `-p` as given, or the conventional name inside `-p DIR` or the current directory. */
export function outputPath(packageOption: string | undefined, conventionalName: string): string {
  if (!packageOption) return resolve(conventionalName);
  const isDir = packageOption.endsWith('/') || (existsSync(packageOption) && statSync(packageOption).isDirectory());
  return resolve(isDir ? join(packageOption, conventionalName) : packageOption);
}

/** Fails at once when `target` cannot be written: it exists (without --force) or its directory does not. */
export function checkWritable(target: string, force: boolean): void {
  if (!force && existsSync(target)) {
    throw new PkgError('output-exists', `${target} already exists (use -f to overwrite)`);
  }
  if (!existsSync(dirname(target))) {
    throw new PkgError('output-failed', `cannot write ${target}: directory ${dirname(target)} does not exist`);
  }
}

export async function writeAtomically(target: string, force: boolean, write: (out: Writable) => Promise<void>): Promise<void> {
  checkWritable(target, force);
  const temporary = `${target}.pkgshift-tmp-${process.pid}`;
  track(temporary);
  const out = createWriteStream(temporary, { mode: 0o644 });
  try {
    await write(out);
    out.end();
    await finished(out);
    await rename(temporary, target);
  } catch (err) {
    if (!out.closed) {
      const closed = once(out, 'close');
      out.destroy();
      await closed;
    }
    await unlink(temporary).catch(() => undefined);
    if (err instanceof PkgError) throw err;
    throw new PkgError('output-failed', `writing ${target}: ${describeError(err)}`, { cause: err });
  } finally {
    untrack(temporary);
  }
}
