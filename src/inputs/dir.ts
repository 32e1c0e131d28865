// dir input: directories and files on disk, fpm-style. `PATH` places PATH at /PATH (relative to
// -C); `SRC=DEST` places SRC (a file, or a directory's contents) at DEST. --prefix goes in front
// of every destination. Symlinks are kept as links, hardlinks detected, owners set from options.
import { accessSync, closeSync, constants, existsSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ownerFor, type Owner } from '../core/accounts.js';
import { nativeArch } from '../core/arch.js';
import { ArchVote, ELF_HEAD_BYTES } from './elf-arch.js';
import { PkgError, describeError } from '../core/errors.js';
import { excludeMatcher } from '../core/glob.js';
import { emptyMetadata, type FileEntry, type PackageModel } from '../core/model.js';
import { canonicalPath } from '../core/paths.js';
import { fileSource } from '../core/source.js';
import type { Context, InputPlugin, Options } from '../plugin.js';

interface Mapping {
  source: string;
  destination: string;
}

export const dirInput: InputPlugin = {
  name: 'dir',
  lintFormat: 'tar',
  description: 'directories and files on disk: PATH or SRC=DEST',

  async read(inputs: string[], options: Options, ctx: Context): Promise<PackageModel> {
    if (inputs.length === 0) throw new PkgError('usage', 'the dir input needs at least one PATH or SRC=DEST');
    const chdir = options.chdir ?? '.';
    if (!existsSync(chdir)) throw new PkgError('input-missing', `-C ${chdir}: no such directory`);
    if (!statSync(chdir).isDirectory()) throw new PkgError('usage', `-C ${chdir}: not a directory (-C names the directory to read inputs from)`);
    const owner = ownerFor(options.owner, options.group, ctx.diag);
    const excluded = excludeMatcher(options.exclude ?? []);
    // Without -a, the files say: ELF objects give their architecture, none at all means `all` (as the tar input does).
    const vote = options.architecture === undefined ? new ArchVote() : undefined;
    const walker = new Walker(owner, excluded, vote);
    for (const input of inputs) walker.add(mappingOf(input, chdir, options.prefix ?? '/'));
    const arch = vote ? votedArch(vote, ctx) : nativeArch();
    return { metadata: { ...emptyMetadata(), arch }, files: walker.files, scripts: [] };
  },

  buildRoots(inputs, options) {
    return inputs.map((input) => resolve(options.chdir ?? '.', input.split('=')[0]!));
  },

  // A directory given alone to lint or info is the package root (as `-C DIR .` makes it for a conversion),
  // named after the directory unless -n says otherwise.
  packageRoot(path, options) {
    const name = options.name ?? basename(resolve(options.chdir ?? '.', path)).toLowerCase();
    if (path.includes('=')) return { inputs: [path], options: { ...options, name } };
    return { inputs: ['.'], options: { ...options, name, chdir: resolve(options.chdir ?? '.', path) } };
  },
};

function mappingOf(input: string, chdir: string, prefix: string): Mapping {
  const asPath = resolve(chdir, input);
  const split = input.indexOf('=');
  if (split > 0 && !existsSync(asPath)) {
    const source = resolve(chdir, input.slice(0, split));
    const rawDestination = input.slice(split + 1);
    if (!rawDestination) throw new PkgError('usage', `'${input}': nothing after '=' (write SRC=DEST, e.g. bin/tool=/usr/bin/tool)`);
    let destination = canonicalPath(`${prefix}/${rawDestination}`, `destination '${rawDestination}' in '${input}'`);
    if (rawDestination.endsWith('/') && existsSync(source) && !lstatSync(source).isDirectory()) {
      destination = canonicalPath(`${destination}/${source.slice(source.lastIndexOf('/') + 1)}`);
    }
    return { source, destination };
  }
  return { source: asPath, destination: canonicalPath(`${prefix}/${input}`, `path '${input}'`) };
}

class Walker {
  readonly files: FileEntry[] = [];
  private readonly inodes = new Map<string, string>();

  constructor(private readonly owner: Owner, private readonly excluded: (relative: string) => boolean, private readonly vote?: ArchVote) {}

  add({ source, destination }: Mapping): void {
    this.visit(source, destination, '');
  }

  private visit(source: string, destination: string, relative: string): void {
    if (relative && this.excluded(relative)) return;
    const stat = statOf(source);
    const base = { path: destination, mode: stat.mode & 0o7777, ...this.owner, mtime: Math.floor(stat.mtimeMs / 1000), size: 0 };
    if (stat.isSymbolicLink()) {
      this.files.push({ ...base, type: 'symlink', target: readlinkSync(source) });
    } else if (stat.isDirectory()) {
      this.files.push({ ...base, type: 'dir' });
      for (const child of listDir(source)) {
        this.visit(join(source, child), destination === '/' ? `/${child}` : `${destination}/${child}`, relative ? `${relative}/${child}` : child);
      }
    } else if (stat.isFile()) {
      this.addFile(source, stat, base);
    } else if (stat.isFIFO()) {
      this.files.push({ ...base, type: 'fifo' }); // never opened: only its lstat is read
    } else if (stat.isCharacterDevice() || stat.isBlockDevice()) {
      this.files.push({ ...base, type: stat.isCharacterDevice() ? 'char-device' : 'block-device', device: linuxDevice(stat.rdev) });
    } else {
      throw new PkgError('input-unsafe', `${source} is a socket; packages cannot carry one`);
    }
  }

  private addFile(source: string, stat: Stats, base: Omit<FileEntry, 'type'>): void {
    const inode = `${stat.dev}:${stat.ino}`;
    const first = stat.nlink > 1 ? this.inodes.get(inode) : undefined;
    if (first) {
      this.files.push({ ...base, type: 'hardlink', target: first });
      return;
    }
    if (stat.nlink > 1) this.inodes.set(inode, base.path);
    try {
      accessSync(source, constants.R_OK);
    } catch (err) {
      throw new PkgError('input-unreadable', `cannot read ${source}: ${describeError(err)}`, { cause: err });
    }
    if (this.vote && stat.size >= ELF_HEAD_BYTES) this.vote.add(headOf(source), base.path);
    this.files.push({ ...base, type: 'file', size: stat.size, source: fileSource(source, stat.size) });
  }
}

function votedArch(vote: ArchVote, ctx: Context): string {
  const { arch, conflicting } = vote.result();
  if (conflicting.length) ctx.diag.warn('arch-conflict', `ELF files for several architectures: ${conflicting.join(', ')}; using ${arch} (give -a to choose)`);
  if (!arch) ctx.diag.info('arch-all', 'no ELF file among the inputs: architecture all (give -a to choose)');
  return arch ?? 'all';
}

/** The first bytes of a file, for the ELF check. */
function headOf(path: string): Buffer {
  const head = Buffer.alloc(ELF_HEAD_BYTES);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, ELF_HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** major/minor of a Linux dev_t (glibc's gnu_dev_major/minor; the high bits come after 2^32). */
function linuxDevice(rdev: number): { major: number; minor: number } {
  const high = Math.floor(rdev / 2 ** 32);
  const low = rdev % 2 ** 32;
  return { major: ((low >>> 8) & 0xfff) | ((high & 0xfffff000) >>> 0), minor: (low & 0xff) | ((low >>> 12) & 0xffffff00) };
}

function statOf(path: string): Stats {
  try {
    return lstatSync(path);
  } catch (err) {
    throw new PkgError('input-missing', `cannot read ${path}: ${describeError(err)}`, { cause: err });
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch (err) {
    throw new PkgError('input-unreadable', `cannot list ${path}: ${describeError(err)}`, { cause: err });
  }
}
