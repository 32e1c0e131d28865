// ELF facts for lint (LINT.md §8.3) and the dependency generators (src/deps), parsed with DataView:
// class, byte order, machine, type, flags, PT_INTERP, the dynamic section (SONAME, RPATH, RUNPATH,
// NEEDED, and whether DT_HASH, DT_GNU_HASH, DT_DEBUG are there), the GNU symbol versions needed and
// defined, optionally the undefined dynamic symbols, and whether `.symtab` or `.debug_*` sections
// remain. Only the header, the header tables and the sections they point at are read: at most three
// passes over the file, each stopping after the last range it needs.
import { readRanges, type ByteRange, type ByteSource } from './ranges.js';

export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;

const DT_NEEDED = 1;
const DT_HASH = 4;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_DEBUG = 21;
const DT_RUNPATH = 29;
const DT_GNU_HASH = 0x6ffffef5;

const SHT_DYNAMIC = 6;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;
const SHT_GNU_VERDEF = 0x6ffffffd;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_GNU_VERSYM = 0x6fffffff;

/** vd_flags: this definition names the object itself (its soname), not a version. */
const VER_FLG_BASE = 1;
/** st_shndx of a symbol the object uses but does not define. */
const SHN_UNDEF = 0;

/** Sections larger than this are not real metadata; they are skipped, not read. */
const MAX_SECTION = 64 * 1024 * 1024;

export interface VersionNeed {
  /** The library (DT_NEEDED name) the versions are needed from. */
  file: string;
  versions: string[];
}

export interface VersionDef {
  /** VER_FLG_BASE: the names are the object's own name, not versions it defines. */
  base: boolean;
  /** The defined version, then its parents. */
  names: string[];
}

export interface ElfInfo {
  bits: 32 | 64;
  littleEndian: boolean;
  type: number;
  machine: number;
  flags: number;
  interpreter?: string;
  soname?: string;
  rpath: string[];
  runpath: string[];
  needed: string[];
  /** DT_HASH, DT_GNU_HASH and DT_DEBUG entries in the dynamic section. */
  hash: boolean;
  gnuHash: boolean;
  debugEntry: boolean;
  versionNeeds: VersionNeed[];
  versionDefs: VersionDef[];
  /** With `symbols`: the undefined dynamic symbols as `name@VERSION`, or `name@Base` when unversioned. */
  undefinedSymbols?: string[];
  hasSymtab: boolean;
  hasDebug: boolean;
}

export interface ElfReadOptions {
  /** Also read the dynamic symbol table (for dpkg-shlibdeps' symbols files). */
  symbols?: boolean;
}

export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

interface Reader {
  u16(at: number): number;
  u32(at: number): number;
  /** A word: 32 or 64 bits by class; offsets beyond 2^53 are not real files. */
  word(at: number): number;
}

function reader(buf: Buffer, bits: 32 | 64, le: boolean): Reader {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  return {
    u16: (at) => dv.getUint16(at, le),
    u32: (at) => dv.getUint32(at, le),
    word: (at) => (bits === 32 ? dv.getUint32(at, le) : Number(dv.getBigUint64(at, le))),
  };
}

const NONE: ByteRange = { start: 0, length: 0 };

/** Serves ranges from the already-read head when it covers them, else from one new pass. */
async function fetch(source: ByteSource, head: Buffer, ranges: ByteRange[]): Promise<Buffer[]> {
  const result: (Buffer | undefined)[] = ranges.map((r) => (r.start + r.length <= head.length ? head.subarray(r.start, r.start + r.length) : undefined));
  const missing = ranges.map((r, i) => ({ r, i })).filter(({ i }) => !result[i]);
  if (missing.length) {
    const read = await readRanges(source, missing.map(({ r }) => r));
    missing.forEach(({ i }, k) => { result[i] = read[k]!; });
  }
  return result as Buffer[];
}

function cString(buf: Buffer | undefined, at: number): string {
  if (!buf || at < 0 || at >= buf.length) return '';
  const end = buf.indexOf(0, at);
  return buf.toString('utf8', at, end < 0 ? buf.length : end);
}

interface Segment { type: number; offset: number; vaddr: number; filesz: number }
interface Section { name: number; type: number; offset: number; size: number; link: number; info: number; entsize: number }

/** Parses an ELF file whose first bytes are `head`. Throws on a malformed header. */
export async function parseElf(source: ByteSource, head: Buffer, options: ElfReadOptions = {}): Promise<ElfInfo> {
  if (head.length < 52) throw new Error('ELF header truncated');
  const cls = head[4];
  const data = head[5];
  if (cls !== 1 && cls !== 2) throw new Error(`unknown ELF class ${cls}`);
  if (data !== 1 && data !== 2) throw new Error(`unknown ELF byte order ${data}`);
  const bits = cls === 1 ? 32 : 64;
  const is64 = bits === 64;
  const le = data === 1;
  if (is64 && head.length < 64) throw new Error('ELF header truncated');
  const view = (buf: Buffer) => reader(buf, bits, le);
  const h = view(head);
  const info: ElfInfo = {
    bits, littleEndian: le, type: h.u16(16), machine: h.u16(18), flags: h.u32(is64 ? 48 : 36),
    rpath: [], runpath: [], needed: [], hash: false, gnuHash: false, debugEntry: false,
    versionNeeds: [], versionDefs: [], hasSymtab: false, hasDebug: false,
  };
  const sane = (off: number, len: number) => off > 0 && len > 0 && off + len <= source.size && len <= MAX_SECTION;
  const range = (off: number, len: number): ByteRange => (sane(off, len) ? { start: off, length: len } : NONE);

  // Pass 1: the program and section header tables.
  const phentsize = h.u16(is64 ? 54 : 42);
  const phnum = h.u16(is64 ? 56 : 44);
  const shentsize = h.u16(is64 ? 58 : 46);
  const shnum = h.u16(is64 ? 60 : 48);
  const shstrndx = h.u16(is64 ? 62 : 50);
  const shOk = shentsize >= (is64 ? 64 : 40);
  const [ph, sh] = await fetch(source, head, [
    range(h.word(is64 ? 32 : 28), phentsize * phnum),
    shOk ? range(h.word(is64 ? 40 : 32), shentsize * shnum) : NONE,
  ]);
  const segments: Segment[] = [];
  if (ph && ph.length === phentsize * phnum) {
    const p = view(ph);
    for (let at = 0; at < ph.length; at += phentsize) {
      segments.push(is64
        ? { type: p.u32(at), offset: p.word(at + 8), vaddr: p.word(at + 16), filesz: p.word(at + 32) }
        : { type: p.u32(at), offset: p.word(at + 4), vaddr: p.word(at + 8), filesz: p.word(at + 16) });
    }
  }
  const sections: Section[] = [];
  if (sh && sh.length === shentsize * shnum) {
    const s = view(sh);
    for (let at = 0; at < sh.length; at += shentsize) {
      sections.push(is64
        ? { name: s.u32(at), type: s.u32(at + 4), offset: s.word(at + 24), size: s.word(at + 32), link: s.u32(at + 40), info: s.u32(at + 44), entsize: s.word(at + 56) }
        : { name: s.u32(at), type: s.u32(at + 4), offset: s.word(at + 16), size: s.word(at + 20), link: s.u32(at + 24), info: s.u32(at + 28), entsize: s.word(at + 36) });
    }
  }

  // Pass 2: everything the tables point at. rpm's elfdeps and dpkg-shlibdeps read the dynamic
  // section through the section table; a file without one falls back to PT_DYNAMIC (pass 3).
  const bytesOf = (s: Section | undefined) => (s && s.type !== SHT_NOBITS ? range(s.offset, s.size) : NONE);
  const first = (type: number) => sections.find((s) => s.type === type);
  const linked = (s: Section | undefined) => (s ? sections[s.link] : undefined);
  const interp = segments.find((s) => s.type === PT_INTERP);
  const dynSegment = segments.find((s) => s.type === PT_DYNAMIC);
  const dynSection = first(SHT_DYNAMIC);
  const verneed = first(SHT_GNU_VERNEED);
  const verdef = first(SHT_GNU_VERDEF);
  const dynsym = options.symbols ? first(SHT_DYNSYM) : undefined;
  const versym = options.symbols ? first(SHT_GNU_VERSYM) : undefined;
  const [interpBuf, dynBuf, dynStr, needBuf, needStr, defBuf, defStr, symBuf, symStr, versymBuf, shstrtab] = await fetch(source, head, [
    interp ? range(interp.offset, interp.filesz) : NONE,
    dynSection ? bytesOf(dynSection) : dynSegment ? range(dynSegment.offset, dynSegment.filesz) : NONE,
    bytesOf(linked(dynSection)),
    bytesOf(verneed), bytesOf(linked(verneed)),
    bytesOf(verdef), bytesOf(linked(verdef)),
    bytesOf(dynsym), bytesOf(linked(dynsym)), bytesOf(versym),
    bytesOf(sections[shstrndx]),
  ]);
  if (interpBuf?.length) info.interpreter = cString(interpBuf, 0);

  // Dynamic entries: (tag, value) pairs of two words; string values index the dynamic string table.
  const dynEntries: [number, number][] = [];
  if (dynBuf?.length) {
    const d = view(dynBuf);
    const entsize = is64 ? 16 : 8;
    for (let at = 0; at + entsize <= dynBuf.length; at += entsize) {
      const tag = d.word(at);
      if (tag === 0) break;
      dynEntries.push([tag, d.word(at + entsize / 2)]);
    }
  }
  let strings = dynStr?.length ? dynStr : undefined;
  if (!strings && !dynSection) strings = (await fetch(source, head, [dynamicStringTable(dynEntries, segments, range)]))[0];
  for (const [tag, value] of dynEntries) {
    if (tag === DT_HASH) info.hash = true;
    else if (tag === DT_GNU_HASH) info.gnuHash = true;
    else if (tag === DT_DEBUG) info.debugEntry = true;
    else if (!strings?.length) continue;
    else if (tag === DT_NEEDED) info.needed.push(cString(strings, value));
    else if (tag === DT_SONAME) info.soname = cString(strings, value);
    else if (tag === DT_RPATH) info.rpath.push(...cString(strings, value).split(':'));
    else if (tag === DT_RUNPATH) info.runpath.push(...cString(strings, value).split(':'));
  }

  const versionNames = new Map<number, string>();
  if (needBuf?.length && verneed) info.versionNeeds = readVersionNeeds(view(needBuf), needBuf.length, verneed.info, needStr, versionNames);
  if (defBuf?.length && verdef) info.versionDefs = readVersionDefs(view(defBuf), defBuf.length, verdef.info, defStr, versionNames);
  if (options.symbols) {
    info.undefinedSymbols = symBuf?.length ? undefinedSymbols(view(symBuf), symBuf.length, is64, symStr, versymBuf?.length ? view(versymBuf) : undefined, versymBuf?.length ?? 0, versionNames) : [];
  }
  if (shstrtab?.length) {
    for (const section of sections) {
      const name = cString(shstrtab, section.name);
      if (name === '.symtab') info.hasSymtab = true;
      else if (name.startsWith('.debug_') || name.startsWith('.zdebug_')) info.hasDebug = true;
    }
  }
  return info;
}

/** Without a section table, DT_STRTAB holds the string table's address; a PT_LOAD maps it to an offset. */
function dynamicStringTable(entries: [number, number][], segments: Segment[], range: (off: number, len: number) => ByteRange): ByteRange {
  const address = entries.find(([t]) => t === DT_STRTAB)?.[1];
  const size = entries.find(([t]) => t === DT_STRSZ)?.[1] ?? 0;
  if (address === undefined) return NONE;
  const load = segments.find((s) => s.type === PT_LOAD && address >= s.vaddr && address < s.vaddr + s.filesz);
  return load ? range(address - load.vaddr + load.offset, size) : NONE;
}

/**
 * Elf_Verneed {u16 version, u16 cnt, u32 file, u32 aux, u32 next} chains, each with `cnt`
 * Elf_Vernaux {u32 hash, u16 flags, u16 other, u32 name, u32 next}; `other` is the index
 * `.gnu.version` uses for that version. `count` is the section's sh_info.
 */
function readVersionNeeds(r: Reader, length: number, count: number, strings: Buffer | undefined, names: Map<number, string>): VersionNeed[] {
  const needs: VersionNeed[] = [];
  let offset = 0;
  for (let i = 0; i < count && offset + 16 <= length; i++) {
    const need: VersionNeed = { file: cString(strings, r.u32(offset + 4)), versions: [] };
    let aux = offset + r.u32(offset + 8);
    for (let j = r.u16(offset + 2); j > 0 && aux + 16 <= length; j--) {
      const name = cString(strings, r.u32(aux + 8));
      need.versions.push(name);
      names.set(r.u16(aux + 6) & 0x7fff, name);
      const next = r.u32(aux + 12);
      if (next === 0) break;
      aux += next;
    }
    needs.push(need);
    const next = r.u32(offset + 12);
    if (next === 0) break;
    offset += next;
  }
  return needs;
}

/**
 * Elf_Verdef {u16 version, u16 flags, u16 ndx, u16 cnt, u32 hash, u32 aux, u32 next} chains, each
 * with `cnt` Elf_Verdaux {u32 name, u32 next}: the version, then its parents.
 */
function readVersionDefs(r: Reader, length: number, count: number, strings: Buffer | undefined, names: Map<number, string>): VersionDef[] {
  const defs: VersionDef[] = [];
  let offset = 0;
  for (let i = 0; i < count && offset + 20 <= length; i++) {
    const def: VersionDef = { base: (r.u16(offset + 2) & VER_FLG_BASE) !== 0, names: [] };
    let aux = offset + r.u32(offset + 12);
    for (let j = r.u16(offset + 6); j > 0 && aux + 8 <= length; j--) {
      def.names.push(cString(strings, r.u32(aux)));
      const next = r.u32(aux + 4);
      if (next === 0) break;
      aux += next;
    }
    if (def.names[0] !== undefined) names.set(r.u16(offset + 4) & 0x7fff, def.names[0]);
    defs.push(def);
    const next = r.u32(offset + 16);
    if (next === 0) break;
    offset += next;
  }
  return defs;
}

/** Elf32_Sym {name, value, size, u8 info, u8 other, u16 shndx} or Elf64_Sym {name, u8 info, u8 other, u16 shndx, value, size}. */
function undefinedSymbols(r: Reader, length: number, is64: boolean, strings: Buffer | undefined, versym: Reader | undefined, versymLength: number, names: Map<number, string>): string[] {
  const entsize = is64 ? 24 : 16;
  const out: string[] = [];
  for (let i = 1, at = entsize; at + entsize <= length; i++, at += entsize) {
    const name = cString(strings, r.u32(at));
    if (r.u16(at + (is64 ? 6 : 14)) !== SHN_UNDEF || !name) continue;
    // `.gnu.version` holds one u16 per symbol: 0 local, 1 global (unversioned), else a version index
    // (bit 15 marks a hidden version).
    const index = versym && 2 * i + 2 <= versymLength ? versym.u16(2 * i) & 0x7fff : 1;
    out.push(`${name}@${index > 1 ? names.get(index) ?? 'Base' : 'Base'}`);
  }
  return out;
}

/** EF_ARM_ABI_FLOAT_HARD in an EABI5 ARM object's e_flags: armhf rather than armel. */
const EF_ARM_ABI_FLOAT_HARD = 0x400;

/** The Debian architecture an ELF object is for (class, byte order, machine), when it is a common one. */
export function elfArch(elf: ElfInfo): string | undefined {
  const key = `${elf.bits}${elf.littleEndian ? 'l' : 'b'}:${elf.machine}`;
  if (key === '32l:40') return elf.flags & EF_ARM_ABI_FLOAT_HARD ? 'armhf' : 'armel';
  return ({
    '64l:62': 'amd64', '32l:3': 'i386', '64l:183': 'arm64', '64l:21': 'ppc64el', '64b:22': 's390x',
    '64l:243': 'riscv64', '64l:8': 'mips64el', '64l:258': 'loong64',
  } as Record<string, string>)[key];
}

/** What an ELF file links against and what it provides: its DT_NEEDED entries and DT_SONAME. */
export interface ElfLinkage {
  needed: string[];
  soname?: string;
}

/** The linkage of one file, read from its headers only; undefined when it is not ELF or not parsable. */
export async function elfLinkage(source: ByteSource): Promise<ElfLinkage | undefined> {
  const [head] = await readRanges(source, [{ start: 0, length: 4096 }]);
  if (!head || !isElf(head)) return undefined;
  try {
    const elf = await parseElf(source, head);
    return elf.soname === undefined ? { needed: elf.needed } : { needed: elf.needed, soname: elf.soname };
  } catch {
    return undefined;
  }
}
