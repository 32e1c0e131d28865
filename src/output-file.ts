// Writes an output file atomically: into a temporary name beside the target, renamed at the end.
// After any failure neither the target nor the temporary file remains.
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { track, untrack } from './core/cleanup.js';
import { PkgError, describeError, diskFull, isDiskFull } from './core/errors.js';
import type { Metadata } from './core/model.js';
import { expandPackagePath } from './fpm/package-path.js';
import type { OutputPlugin } from './plugin.js';

/** Names that say what kind of package or archive a file is: a name ending so must match the output type. */
const PACKAGE_EXTENSION = /\.(deb|udeb|rpm|tar|tgz|txz|tzst|tbz2?|gz|xz|zst|bz2|lzma|zip|7z|rar|jar|war|apk|pkg|whl|gem|snap|msi|dmg|appimage|flatpak)$/i;

/** `-p out.zip -t tar` or `-p out.rpm -t deb` would write one format under another's name: refused unless -f. */
export function checkExtension(target: string, output: OutputPlugin, force: boolean, given = target): void {
  const name = basename(target);
  if (force || !PACKAGE_EXTENSION.test(name) || output.extensions.some((e) => name.endsWith(e))) return;
  throw new PkgError('usage', `-p ${basename(given)}: a ${output.name} package is named *${output.extensions.join(', *')}; use -f to write it under this name anyway`);
}

/**
 * checkExtension on `-p` before anything is read, so that its usage error comes before any conversion
 * output. Only TYPE and EXTENSION can end a template with a package extension; they get the output's.
 */
export function checkPackageOption(template: string | undefined, output: OutputPlugin, force: boolean): void {
  if (template === undefined || namesDirectory(template)) return;
  const values = { name: 'name', version: '1', iteration: '1', epoch: '', arch: 'all', type: output.name, extension: output.extensions[0]!.slice(1) };
  checkExtension(expandPackagePath(template, values), output, force, template);
}

/** `-p DIR/` or an existing directory: the conventional name goes inside it. */
function namesDirectory(packageOption: string): boolean {
  return packageOption.endsWith('/') || (existsSync(packageOption) && statSync(packageOption).isDirectory());
}

/**
 * The output path: `-p` as given, or the conventional name inside `-p DIR` or the current directory.
 * `metadata` is what the conventional name was built from: it must stay one component of that directory.
 */
export function outputPath(packageOption: string | undefined, conventionalName: string, metadata: Metadata): string {
  if (packageOption && !namesDirectory(packageOption)) return resolve(packageOption);
  checkFileNameComponent(conventionalName, metadata);
  return resolve(packageOption ?? '.', conventionalName);
}

/** File systems take at most this many bytes per name component (NAME_MAX). */
const NAME_MAX = 255;

/**
 * Refuses a conventional file name that is not one plain component (a `/`, `..`, NUL, control
 * characters, over 255 bytes), naming the field it came from: a name or version from a package or
 * from -n/-v must never place the output outside the directory asked for.
 */
function checkFileNameComponent(fileName: string, metadata: Metadata): void {
  const { name, version, arch } = metadata;
  const fields: [string, string | undefined][] = [
    ['package name', name], ['version', version.upstream], ['release', version.release], ['architecture', arch],
  ];
  for (const [field, value] of fields) {
    const why = value === undefined ? undefined : whyNotComponent(value);
    if (why) throw new PkgError('metadata-invalid', `the ${field} ${JSON.stringify(value)} cannot be part of a file name: ${why}`);
  }
  const why = whyNotComponent(fileName) ?? (Buffer.byteLength(fileName) > NAME_MAX ? `it is ${Buffer.byteLength(fileName)} bytes long, file systems allow ${NAME_MAX}` : undefined);
  if (why) throw new PkgError('metadata-invalid', `the output file name ${JSON.stringify(fileName)} built from the package name and version is not usable: ${why} (give -p FILE)`);
}

function whyNotComponent(text: string): string | undefined {
  if (text.includes('/') || text.includes('\\')) return 'it contains a path separator';
  if (text === '.' || text === '..' || text.startsWith('.')) return "it starts with '.'";
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(text)) return 'it contains control characters';
  return undefined;
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
  // A short name of its own, so that a target name near NAME_MAX still has a temporary beside it.
  const temporary = join(dirname(target), `.pkgshift-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  track(temporary);
  let handle;
  try {
    handle = await open(temporary, 'wx', 0o644);
  } catch (err) {
    untrack(temporary);
    if (isDiskFull(err)) throw diskFull(basename(target), dirname(target), err);
    throw new PkgError('output-failed', `cannot write ${target}: ${describeError(err)}`, { cause: err });
  }
  const out = handle.createWriteStream();
  let failure: unknown;
  out.on('error', (err) => (failure ??= err)); // a full or read-only disk: reported below, never unhandled
  try {
    await write(out);
    if (failure) throw failure;
    out.end();
    await finished(out);
    await rename(temporary, target);
  } catch (err) {
    if (!out.closed) {
      // Not once(): destroying fails the writes still pending, and that 'error' must not replace `err`.
      const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
    }
    await unlink(temporary).catch(() => undefined);
    if (err instanceof PkgError) throw err;
    if (isDiskFull(err)) throw diskFull(basename(target), dirname(target), err);
    throw new PkgError('output-failed', `writing ${target}: ${describeError(err)}`, { cause: err });
  } finally {
    untrack(temporary);
  }
}
