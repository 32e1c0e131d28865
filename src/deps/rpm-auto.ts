// The Requires and Provides rpmbuild's AutoReqProv derives from a package's files, as rpm 4's
// generators write them (fileattrs elf.attr → elfdeps, script.attr → script.req):
// - every ELF shared object provides its soname (`libfoo.so.1()(64bit)`) unless it is a PIE
//   executable (DT_DEBUG), and `soname(VERSION)(64bit)` for each symbol version it defines;
// - an ELF object requires each DT_NEEDED soname, each symbol version it needs
//   (`libc.so.6(GLIBC_2.34)(64bit)`), and `rtld(GNU_HASH)` when it has only a GNU hash table; all
//   but a program (PT_INTERP) whose file is not executable;
// - an executable script requires its interpreter (`#!/usr/bin/perl` → `/usr/bin/perl`, and the
//   program after `/usr/bin/env` only when that is an absolute path).
// rpm distributions write the one provide generators cannot, `rtld(GNU_HASH)`, by hand in the
// package of the dynamic linker (Fedora's glibc.spec: "The dynamic linker supports DT_GNU_HASH");
// pkgshift gives it to the package that ships its own objects' program interpreter (below).
import { basename } from 'node:path';
import { ET_DYN, ET_EXEC, type ElfInfo } from '../formats/elf.js';
import type { ScannedFile } from './scan.js';

const EM_ALPHA = 41;
const EM_FAKE_ALPHA = 0x9026;

/** Required by objects with only a DT_GNU_HASH table; provided by the dynamic linker that reads it. */
const RTLD_GNU_HASH = 'rtld(GNU_HASH)';

export interface RpmAutoDeps {
  requires: string[];
  provides: string[];
}

export function rpmAutoDeps(files: readonly ScannedFile[]): RpmAutoDeps {
  const requires = new Set<string>();
  const provides = new Set<string>();
  for (const file of files) {
    const executable = (file.mode & 0o111) !== 0;
    if (file.elf) elfDeps(file, file.elf, executable || file.elf.interpreter === undefined, requires, provides);
    else if (file.shebang !== undefined && executable) for (const dep of scriptRequires(file.shebang)) requires.add(dep);
  }
  if (shipsGnuHashLinker(files)) provides.add(RTLD_GNU_HASH);
  return { requires: sorted(requires), provides: sorted(provides) };
}

function elfDeps(file: ScannedFile, elf: ElfInfo, withRequires: boolean, requires: Set<string>, provides: Set<string>): void {
  if (elf.type !== ET_DYN && elf.type !== ET_EXEC) return;
  // 64-bit objects are marked so that a 32-bit library never satisfies them; Alpha never was.
  const marker = elf.bits === 64 && elf.machine !== EM_ALPHA && elf.machine !== EM_FAKE_ALPHA ? '(64bit)' : '';
  const add = (into: Set<string>, soname: string, version?: string) => {
    if (!isLinkableSoname(soname)) return;
    into.add(version !== undefined || marker ? `${soname}(${version ?? ''})${marker}` : soname);
  };
  // The versions a library defines belong to the name of its VER_FLG_BASE definition; elfdeps
  // reads only a definition's own name, not its parents.
  let own: string | undefined;
  for (const def of elf.versionDefs) {
    if (def.base) own = def.names.at(-1) ?? own;
    else if (own !== undefined && def.names[0] !== undefined) add(provides, own, def.names[0]);
  }
  if (withRequires) {
    for (const need of elf.versionNeeds) for (const version of need.versions) add(requires, need.file, version);
    for (const soname of elf.needed) add(requires, soname);
    if (elf.gnuHash && !elf.hash) requires.add(RTLD_GNU_HASH);
  }
  // A shared object without DT_SONAME provides its file name; PIE executables (DT_DEBUG) provide nothing.
  if (elf.type === ET_DYN && !elf.debugEntry) add(provides, elf.soname ?? basename(file.path));
}

/**
 * True when the package ships the dynamic linker its own ELF objects name as program interpreter
 * (glibc's libc.so.6 names /lib64/ld-linux-x86-64.so.2, shipped beside it), and that linker carries a
 * GNU hash table itself, so it reads one: a shared object at the PT_INTERP path, or whose soname is
 * that path's file name (the path is usually a symlink into the multiarch directory).
 */
function shipsGnuHashLinker(files: readonly ScannedFile[]): boolean {
  const interpreters = new Set(files.flatMap((f) => (f.elf?.interpreter ? [f.elf.interpreter] : [])));
  const names = new Set([...interpreters].map((path) => basename(path)));
  return files.some(({ path, elf }) => elf !== undefined && elf.type === ET_DYN && elf.interpreter === undefined && elf.gnuHash
    && (interpreters.has(path) || (elf.soname !== undefined && names.has(elf.soname))));
}

/** elfdeps keeps only names with `.so` that start with `lib`, or the dynamic linker's `ld`. */
function isLinkableSoname(soname: string): boolean {
  if (!soname.trim() || !soname.includes('.so')) return false;
  return /^(lib|ld[.-]|ld64[.-])/.test(soname);
}

/** script.req: the absolute interpreter path, and an absolute program after `…/bin/env`. */
export function scriptRequires(shebang: string): string[] {
  const out: string[] = [];
  const direct = /^\s*(\/\S+)/.exec(shebang);
  if (direct) out.push(direct[1]!);
  const viaEnv = /^\s*\S*\/bin\/env\s+(\/\S+)/.exec(shebang);
  if (viaEnv) out.push(viaEnv[1]!);
  return out;
}

function sorted(set: Set<string>): string[] {
  return [...set].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
