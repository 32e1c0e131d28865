// Writes an output file atomically: into a temporary name beside the target, renamed at the end.
// After any failure neither the target nor the temporary file remains.
import { existsSync, statSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { track, untrack } from './core/cleanup.js';
import { PkgError, describeError } from './core/errors.js';
import type { OutputPlugin } from './plugin.js';

/** Names that say what kind of package or archive a file is: a name ending so must match the output type. */
const PACKAGE_EXTENSION = /\.(deb|udeb|rpm|tar|tgz|txz|tzst|tbz2?|gz|xz|zst|bz2|lzma|zip|7z|rar|jar|war|apk|pkg|whl|gem|snap|msi|dmg|appimage|flatpak)$/i;

/** `-p out.zip -t tar` or `-p out.rpm -t deb` would write one format under another's name: refused unless -f. */
export function checkExtension(target: string, output: OutputPlugin, force: boolean): void {
  const name = basename(target);
  if (force || !PACKAGE_EXTENSION.test(name) || output.extensions.some((e) => name.endsWith(e))) return;
  throw new PkgError('usage', `-p ${name}: a ${output.name} package is named *${output.extensions.join(', *')}; use -f to write it under this name anyway`);
}

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
  let handle;
  try {
    handle = await open(temporary, 'w', 0o644);
  } catch (err) {
    untrack(temporary);
    throw new PkgError('output-failed', `cannot write ${target}: ${describeError(err)}`, { cause: err });
  }
  const out = handle.createWriteStream();
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
