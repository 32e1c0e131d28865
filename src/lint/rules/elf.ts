// Architecture and ELF rules (LINT.md §3.7), from the headers parsed by ../elf.ts; arch table §8.3.
import type { PackageModel } from '../../core/model.js';
import { ET_DYN, ET_EXEC, ET_REL, type ElfInfo } from '../../formats/elf.js';
import { ALL, DEB_RPM, finding, type Finding, type LintContext, type Rule } from '../types.js';
import { underAny } from './paths.js';

interface Expected {
  bits: 32 | 64;
  littleEndian: boolean;
  machine: number;
  /** armhf/armel: whether EF_ARM_ABI_FLOAT_HARD (0x400) must be set in an EABI5 binary. */
  hardFloat?: boolean;
}

const EXPECTED: Record<string, Expected> = {
  amd64: { bits: 64, littleEndian: true, machine: 62 },
  i386: { bits: 32, littleEndian: true, machine: 3 },
  arm64: { bits: 64, littleEndian: true, machine: 183 },
  armhf: { bits: 32, littleEndian: true, machine: 40, hardFloat: true },
  armel: { bits: 32, littleEndian: true, machine: 40, hardFloat: false },
  ppc64el: { bits: 64, littleEndian: true, machine: 21 },
  s390x: { bits: 64, littleEndian: false, machine: 22 },
  riscv64: { bits: 64, littleEndian: true, machine: 243 },
  mips64el: { bits: 64, littleEndian: true, machine: 8 },
  loong64: { bits: 64, littleEndian: true, machine: 258 },
};

const MACHINE_NAMES: Record<number, string> = { 3: 'i386', 8: 'MIPS', 21: 'PowerPC64', 22: 'S/390', 40: 'ARM', 62: 'x86-64', 183: 'AArch64', 243: 'RISC-V', 258: 'LoongArch' };

/** Firmware for other processors and detached debug symbols are not code for this machine. */
const FOREIGN_OK = ['/usr/lib/debug', '/lib/firmware', '/usr/lib/firmware', '/usr/share/firmware'];

function describe(elf: ElfInfo): string {
  return `${elf.bits}-bit ${elf.littleEndian ? 'LSB' : 'MSB'} ${MACHINE_NAMES[elf.machine] ?? `machine ${elf.machine}`}`;
}

function elves(model: PackageModel, ctx: LintContext): [string, ElfInfo][] {
  const out: [string, ElfInfo][] = [];
  for (const e of model.files) {
    const elf = e.type === 'file' ? ctx.content.get(e.path)?.elf : undefined;
    if (elf) out.push([e.path, elf]);
  }
  return out;
}

const indepHasElf: Rule = {
  id: 'arch-indep-has-elf', severity: 'error', formats: DEB_RPM, content: true,
  summary: 'an architecture-independent (all/noarch) package ships ELF objects or static libraries',
  hint: 'build the package for the architecture of its binaries (-a amd64 …), or leave the binaries out',
  lintian: ['arch-independent-package-contains-binary-or-object'], rpmlint: ['arch-independent-package-contains-binary-or-object'],
  why: 'An all/noarch package is installed on every architecture, but its machine code runs on one.',
  check(model, _format, ctx) {
    if (model.metadata.arch !== 'all') return [];
    const out: Finding[] = [];
    for (const e of model.files) {
      const facts = e.type === 'file' ? ctx.content.get(e.path) : undefined;
      if (!facts || underAny(e.path, FOREIGN_OK)) continue;
      if (facts.elf && [ET_REL, ET_EXEC, ET_DYN].includes(facts.elf.type)) out.push(finding(this, `an ELF object (${describe(facts.elf)}) in an architecture-independent package`, e.path));
      else if (facts.kind === 'static-lib') out.push(finding(this, 'a static library in an architecture-independent package', e.path));
    }
    return out;
  },
};

function mismatch(elf: ElfInfo, want: Expected): string | undefined {
  if (elf.bits !== want.bits || elf.littleEndian !== want.littleEndian || elf.machine !== want.machine) return describe(elf);
  const eabi5 = (elf.flags >>> 24) === 5;
  if (want.hardFloat !== undefined && eabi5 && ((elf.flags & 0x400) !== 0) !== want.hardFloat) return `ARM ${want.hardFloat ? 'soft' : 'hard'}-float`;
  return undefined;
}

const elfMismatch: Rule = {
  id: 'arch-elf-mismatch', severity: 'error', formats: ALL, content: true,
  summary: 'an ELF object\'s class, byte order or machine does not match the declared architecture, or the package mixes machines',
  hint: 'declare the architecture the binaries were built for (-a), or rebuild them for the declared one',
  lintian: ['binary-from-other-architecture'],
  why: 'Code for another machine cannot run: the package was built or declared for the wrong architecture.',
  check(model, format, ctx) {
    const arch = format === 'tar' ? ctx.declaredArch : model.metadata.arch;
    const list = elves(model, ctx).filter(([path]) => !underAny(path, FOREIGN_OK));
    const want = arch ? EXPECTED[arch] : undefined;
    const out: Finding[] = [];
    if (want) {
      for (const [path, elf] of list) {
        const got = mismatch(elf, want);
        if (got) out.push(finding(this, `${got} object in a package for ${arch}`, path));
      }
    } else if (arch !== 'all') {
      const machines = new Map<string, string>();
      for (const [path, elf] of list) if (!machines.has(describe(elf))) machines.set(describe(elf), path);
      if (machines.size > 1) out.push(finding(this, `the package mixes machines: ${[...machines].map(([m, p]) => `${m} (${p})`).join(', ')}`, [...machines.values()][1]));
    }
    return out;
  },
};

const wrongPlace: Rule = {
  id: 'elf-in-wrong-place', severity: 'error', formats: ALL, content: true,
  summary: 'an ELF object under /etc or /usr/share',
  hint: 'programs go to /usr/bin or /usr/lib/<name>, libraries to /usr/lib; /etc and /usr/share hold only data',
  lintian: ['binary-in-etc', 'arch-dependent-file-in-usr-share'], rpmlint: ['binary-in-etc', 'arch-dependent-file-in-usr-share'],
  why: 'FHS: /etc holds configuration and /usr/share architecture-independent data; machine code there breaks sharing and multiarch.',
  check(model, _format, ctx) {
    return elves(model, ctx).filter(([path]) => underAny(path, ['/etc', '/usr/share']))
      .map(([path]) => finding(this, 'an ELF object in a configuration or architecture-independent data directory', path));
  },
};

const unstripped: Rule = {
  id: 'elf-unstripped', severity: 'info', formats: ALL, content: true,
  summary: 'an ELF object still has a symbol table or debug sections',
  hint: 'strip --strip-unneeded the binaries (keep the debug info in a -dbg/-debuginfo package)',
  lintian: ['unstripped-binary-or-object'], rpmlint: ['unstripped-binary-or-object'],
  why: 'Debian Policy 10.1: binaries are stripped, debug info goes to a -dbgsym package. Converters repackage upstream binaries as they are, so only info.',
  check(model, _format, ctx) {
    return elves(model, ctx)
      .filter(([path, elf]) => (elf.hasSymtab || elf.hasDebug) && elf.type !== ET_REL && !path.startsWith('/usr/lib/debug/'))
      .map(([path, elf]) => finding(this, `not stripped (${[elf.hasSymtab && '.symtab', elf.hasDebug && '.debug_*'].filter(Boolean).join(', ')})`, path));
  },
};

const SYSTEM_LIB = /^(?:\/usr)?\/lib(?:32|64|x32)?(?:\/[a-z0-9_]+-linux-gnu\w*)?\/?$/;

const rpath: Rule = {
  id: 'elf-rpath', severity: 'warning', formats: ALL, content: true,
  summary: 'an ELF object has an RPATH/RUNPATH outside the system library dirs (error when relative, empty, or under /tmp, /home or a build tree); $ORIGIN is fine',
  hint: 'link without -rpath (chrpath -d / patchelf --remove-rpath), or use $ORIGIN-relative paths',
  lintian: ['custom-library-search-path', 'relative-library-search-path'], rpmlint: ['binary-or-shlib-defines-rpath'],
  why: 'Debian Policy 10.2 and Fedora\'s Packaging Guidelines (Beware of Rpath): a search path outside the system library directories lets the binary load libraries from wherever that path leads, and a relative or build-tree path is a security hole. A path into the package\'s own private library directory (/usr/lib/NAME, as sudo and man-db do) or $ORIGIN is fine.',
  check(model, _format, ctx) {
    const out: Finding[] = [];
    const shipped = new Map<string, boolean>();
    const own = (dir: string) => {
      if (!shipped.has(dir)) shipped.set(dir, dir.startsWith('/usr/') && [...ctx.byPath.keys()].some((p) => p.startsWith(dir.replace(/\/$/, '') + '/')));
      return shipped.get(dir)!;
    };
    for (const [path, elf] of elves(model, ctx)) {
      for (const [tag, dirs] of [['RPATH', elf.rpath], ['RUNPATH', elf.runpath]] as const) {
        for (const dir of dirs) {
          if (/^\$(?:ORIGIN|\{ORIGIN\})(?:\/|$)/.test(dir) || SYSTEM_LIB.test(dir) || own(dir)) continue;
          const bad = !dir.startsWith('/') || /^\/(?:tmp|var\/tmp|home|root|build)\//.test(dir) || /BUILDROOT/.test(dir) || ctx.buildRoots.some((r) => dir.startsWith(r));
          out.push(finding(this, `${tag} '${dir}'${bad ? (dir.startsWith('/') ? ' points into a temporary, home or build directory' : ' is relative to the working directory') : ' is outside the system library directories'}`,
            path, bad ? 'error' : 'warning'));
        }
      }
    }
    return out;
  },
};

export const elfRules: Rule[] = [indepHasElf, elfMismatch, wrongPlace, unstripped, rpath];
