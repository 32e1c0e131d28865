// The build host's dpkg database, read as dpkg-shlibdeps reads it: a needed soname is looked up as
// a file in the library directories (RPATH/RUNPATH, /etc/ld.so.conf, the multiarch and default
// directories) that matches the binary's ELF class and machine; the package owning that file
// (info/*.list, also under its merged-/usr alias) then gives the symbols or shlibs file to use.
// DPKG_ADMINDIR names another database, as for dpkg itself.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { compareDeb } from '../core/version-compare.js';
import { isElf, type ElfInfo } from '../formats/elf.js';
import { parseSymbolsFile, shlibsEntry, type LibraryInfo } from './library-info.js';

/** Debian's multiarch triplet by ELF class and machine. */
const TRIPLETS: Record<string, string> = {
  '64:62': 'x86_64-linux-gnu', '64:183': 'aarch64-linux-gnu', '32:3': 'i386-linux-gnu', '32:40': 'arm-linux-gnueabihf',
  '64:21': 'powerpc64le-linux-gnu', '64:22': 's390x-linux-gnu', '64:243': 'riscv64-linux-gnu', '64:8': 'mips64el-linux-gnuabi64',
};

export class DpkgDatabase {
  private owners?: Map<string, string>;
  private readonly symbols = new Map<string, Map<string, LibraryInfo>>();

  private constructor(private readonly admindir: string, private readonly root: string) {}

  /** The host's database, when there is one. */
  static open(env: NodeJS.ProcessEnv = process.env): DpkgDatabase | undefined {
    const admindir = env.DPKG_ADMINDIR || '/var/lib/dpkg';
    return existsSync(join(admindir, 'info')) && existsSync(join(admindir, 'status')) ? new DpkgDatabase(admindir, '/') : undefined;
  }

  /** What the host's packages say of the library `soname` that `binary` would load; undefined when it is not found or has no symbols/shlibs file. */
  library(soname: string, binary: ElfInfo): { info?: LibraryInfo; pkg?: string; path?: string } {
    const path = this.findLibrary(soname, binary);
    if (!path) return {};
    const pkg = this.ownerOf(path);
    if (!pkg) return { path };
    const info = this.symbolsOf(pkg).get(soname) ?? this.shlibsOf(pkg, soname);
    return { info, pkg, path };
  }

  private findLibrary(soname: string, binary: ElfInfo): string | undefined {
    const triplet = TRIPLETS[`${binary.bits}:${binary.machine}`];
    const dirs = [
      ...[...binary.rpath, ...binary.runpath].filter((d) => d.startsWith('/')),
      ...ldSoConfDirs(join(this.root, 'etc/ld.so.conf'), new Set()),
      ...(triplet ? [`/lib/${triplet}`, `/usr/lib/${triplet}`] : []),
      '/lib', '/usr/lib', ...(binary.bits === 64 ? ['/lib64', '/usr/lib64'] : ['/lib32', '/usr/lib32']),
    ];
    for (const dir of dirs) {
      const path = join(this.root, dir, soname);
      if (sameFormat(path, binary)) return path;
    }
    return undefined;
  }

  /** The package owning `path`, its real path, or either one's merged-/usr alias. */
  private ownerOf(path: string): string | undefined {
    this.owners ??= this.readOwners();
    let real = path;
    try { real = realpathSync(path); } catch { /* dangling: keep the path */ }
    const alias = (p: string) => (p.startsWith('/usr/') ? p.slice(4) : `/usr${p}`);
    for (const candidate of [path, real, alias(path), alias(real)]) {
      const pkg = this.owners.get(candidate);
      if (pkg) return pkg;
    }
    return undefined;
  }

  /** Every shared library path the packages list (lines with `.so`), with its package (`libc6:amd64`). */
  private readOwners(): Map<string, string> {
    const owners = new Map<string, string>();
    const info = join(this.admindir, 'info');
    for (const name of readdirSync(info)) {
      if (!name.endsWith('.list')) continue;
      const pkg = name.slice(0, -'.list'.length);
      for (const line of readFileSync(join(info, name), 'utf8').split('\n')) if (line.includes('.so')) owners.set(line, pkg);
    }
    return owners;
  }

  private symbolsOf(pkg: string): Map<string, LibraryInfo> {
    let libraries = this.symbols.get(pkg);
    if (!libraries) {
      const text = readInfo(this.admindir, pkg, 'symbols');
      libraries = text === undefined ? new Map() : parseSymbolsFile(text, compareDeb);
      this.symbols.set(pkg, libraries);
    }
    return libraries;
  }

  private shlibsOf(pkg: string, soname: string): LibraryInfo | undefined {
    const text = readInfo(this.admindir, pkg, 'shlibs');
    return text === undefined ? undefined : shlibsEntry(text, soname);
  }
}

/** info/PKG.EXT, where PKG may carry an architecture qualifier (`libc6:amd64`). */
function readInfo(admindir: string, pkg: string, ext: string): string | undefined {
  const path = join(admindir, 'info', `${pkg}.${ext}`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The directories /etc/ld.so.conf lists, following `include` globs (`/etc/ld.so.conf.d/*.conf`). */
function ldSoConfDirs(file: string, seen: Set<string>): string[] {
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const dirs: string[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const include = /^include\s+(.+)$/.exec(line);
    if (include) {
      const pattern = include[1]!;
      const dir = pattern.slice(0, pattern.lastIndexOf('/'));
      const suffix = pattern.endsWith('*.conf') ? '.conf' : undefined;
      if (suffix && existsSync(dir)) {
        for (const name of readdirSync(dir).filter((n) => n.endsWith(suffix)).sort()) dirs.push(...ldSoConfDirs(join(dir, name), seen));
      } else {
        dirs.push(...ldSoConfDirs(pattern, seen));
      }
    } else if (line.startsWith('/')) {
      dirs.push(line);
    }
  }
  return dirs;
}

/** Whether `path` is an ELF file of the binary's class, byte order and machine (as dpkg-shlibdeps checks the object format). */
function sameFormat(path: string, binary: ElfInfo): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(20);
    if (readSync(fd, head, 0, 20, 0) < 20 || !isElf(head)) return false;
    const le = head[5] === 1;
    return head[4] === (binary.bits === 64 ? 2 : 1) && le === binary.littleEndian && (le ? head.readUInt16LE(18) : head.readUInt16BE(18)) === binary.machine;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
