// The staged `npm install -g` tree → model entries under PREFIX (default /usr): the package
// directory lib/node_modules/NAME with everything npm put in it, and npm's bin and man links.
// Only the package's own paths are listed; /usr/bin, /usr/lib … stay implicit (owned by the system).
import { closeSync, existsSync, lstatSync, openSync, readSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { nativeArch } from '../../core/arch.js';
import type { Diagnostics } from '../../core/diagnostics.js';
import { PkgError } from '../../core/errors.js';
import type { FileEntry } from '../../core/model.js';
import { joinPath, resolveLinkTarget } from '../../core/paths.js';
import type { Context, Options } from '../../plugin.js';
import { dirInput } from '../dir.js';
import { ELF_HEAD_BYTES, elfArch } from '../elf-arch.js';

export interface StagedPackage {
  /** The staging prefix npm installed into. */
  stage: string;
  /** The npm name (`@scope/name`), i.e. the directory below lib/node_modules. */
  npmName: string;
  /** Where the staging prefix lands in the package (`/usr`). */
  prefix: string;
}

/** The package directory, bin links (their targets made 0755) and man page links. */
export async function stagedEntries(staged: StagedPackage, options: Options, ctx: Context): Promise<FileEntry[]> {
  const { stage, npmName, prefix } = staged;
  const installDir = joinPath(prefix, `lib/node_modules/${npmName}`);
  const packageDir = join(stage, 'lib', 'node_modules', npmName);
  const read = await dirInput.read([`${packageDir}=${installDir}`], { owner: 'root', group: 'root', prefix: '/', exclude: options.exclude ?? [] }, ctx);
  const files = read.files;
  const byPath = new Map(files.map((f) => [f.path, f]));

  for (const link of linksIn(stage, 'bin', prefix, installDir)) {
    files.push(link);
    const target = byPath.get(resolveLinkTarget(link.path, link.target!)!);
    if (target?.type === 'file') target.mode = (target.mode & 0o7000) | 0o755;
    else ctx.diag.warn('npm-bin-missing', `bin ${link.path} points at ${link.target}, which is not a file of the package`);
  }
  const manRoot = join(stage, 'share', 'man');
  if (existsSync(manRoot)) {
    for (const section of readdirSync(manRoot).sort()) files.push(...linksIn(stage, `share/man/${section}`, prefix, installDir));
  }
  return files;
}

/** npm's symlinks in STAGE/SUB, placed at PREFIX/SUB; each must point into the package directory. */
function linksIn(stage: string, sub: string, prefix: string, installDir: string): FileEntry[] {
  const dir = join(stage, sub);
  if (!existsSync(dir)) return [];
  const links: FileEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    const stat = lstatSync(join(dir, name));
    const path = joinPath(prefix, `${sub}/${name}`);
    if (!stat.isSymbolicLink()) throw new PkgError('unsupported', `npm wrote ${sub}/${name} as a file, not a link; pkgshift expects npm's links`);
    const target = readlinkSync(join(dir, name));
    const resolved = resolveLinkTarget(path, target);
    if (resolved === null || !resolved.startsWith(`${installDir}/`)) {
      throw new PkgError('input-unsafe', `npm link ${sub}/${name} -> ${target} points outside the package directory`);
    }
    links.push({
      path, type: 'symlink', target, mode: 0o777, uid: 0, gid: 0, user: 'root', group: 'root',
      mtime: Math.floor(stat.mtimeMs / 1000), size: 0,
    });
  }
  return links;
}

/**
 * `all`, unless the package holds native addons (`*.node`): then their ELF architecture, the
 * machine's own when several are present and it is among them.
 */
export function addonArch(files: readonly FileEntry[], stage: string, prefix: string, diag: Diagnostics): string {
  const addons = files.filter((f) => f.type === 'file' && f.path.endsWith('.node'));
  if (addons.length === 0) return 'all';
  const found = new Map<string, string>();
  for (const addon of addons) {
    const arch = elfArch(headOf(join(stage, addon.path.slice(prefix === '/' ? 0 : prefix.length))));
    if (arch && !found.has(arch)) found.set(arch, addon.path);
  }
  const native = nativeArch();
  const arch = found.has(native) || found.size === 0 ? native : found.keys().next().value!;
  const list = [...found].map(([a, p]) => `${a} (${p})`).join(', ') || addons[0]!.path;
  diag.info('npm-native-addon', `native addon found: ${list}; architecture ${arch}`);
  if (found.size > 1) diag.warn('arch-mixed', `native addons for several architectures: ${list}; using ${arch} (give -a to choose)`);
  return arch;
}

function headOf(file: string): Uint8Array {
  const buffer = Buffer.alloc(ELF_HEAD_BYTES);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
