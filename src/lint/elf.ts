// ELF header facts for lint (LINT.md §8.3), parsed with DataView: class, byte order, machine, type,
// flags, PT_INTERP, the dynamic section's SONAME/RPATH/RUNPATH/NEEDED, and whether `.symtab` or
// `.debug_*` sections remain. Only the header, the program and section header tables, and the
// string tables they point at are read (at most three passes over the file, each stopping early).
import type { ContentSource } from '../core/model.js';
import { readRanges, type ByteRange } from './ranges.js';

export const ET_REL = 1;
export const ET_EXEC = 2;
export const ET_DYN = 3;
export const ET_CORE = 4;

const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_STRSZ = 10;
const DT_SONAME = 14;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
const SHT_NOBITS = 8;

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
  hasSymtab: boolean;
  hasDebug: boolean;
}

export function isElf(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

interface Layout {
  bits: 32 | 64;
  le: boolean;
  view: (buf: Buffer) => Reader;
}

interface Reader {
  u16(at: number): number;
  u32(at: number): number;
  /** A word: 32 or 64 bits by class; offsets beyond 2^53 are not real files. */
  word(at: number): number;
}

function layoutOf(head: Buffer): Layout {
  const cls = head[4];
  const data = head[5];
  if (cls !== 1 && cls !== 2) throw new Error(`unknown ELF class ${cls}`);
  if (data !== 1 && data !== 2) throw new Error(`unknown ELF byte order ${data}`);
  const bits = cls === 1 ? 32 : 64;
  const le = data === 1;
  return {
    bits, le,
    view: (buf) => {
      const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
      return {
        u16: (at) => dv.getUint16(at, le),
        u32: (at) => dv.getUint32(at, le),
        word: (at) => (bits === 32 ? dv.getUint32(at, le) : Number(dv.getBigUint64(at, le))),
      };
    },
  };
}

/** Serves ranges from the already-read head when it covers them, else from new passes. */
async function fetch(source: ContentSource, head: Buffer, ranges: ByteRange[]): Promise<Buffer[]> {
  const result: (Buffer | undefined)[] = ranges.map((r) => (r.start + r.length <= head.length ? head.subarray(r.start, r.start + r.length) : undefined));
  const missing = ranges.map((r, i) => ({ r, i })).filter(({ i }) => !result[i]);
  if (missing.length) {
    const read = await readRanges(source, missing.map(({ r }) => r));
    missing.forEach(({ i }, k) => { result[i] = read[k]!; });
  }
  return result as Buffer[];
}

function cString(buf: Buffer, at: number): string {
  if (at < 0 || at >= buf.length) return '';
  const end = buf.indexOf(0, at);
  return buf.toString('utf8', at, end < 0 ? buf.length : end);
}

/** Parses an ELF file whose first bytes are `head`. Throws on a malformed header. */
export async function parseElf(source: ContentSource, head: Buffer): Promise<ElfInfo> {
  if (head.length < 52) throw new Error('ELF header truncated');
  const layout = layoutOf(head);
  const h = layout.view(head);
  const is64 = layout.bits === 64;
  if (is64 && head.length < 64) throw new Error('ELF header truncated');
  const info: ElfInfo = {
    bits: layout.bits, littleEndian: layout.le,
    type: h.u16(16), machine: h.u16(18), flags: h.u32(is64 ? 48 : 36),
    rpath: [], runpath: [], needed: [], hasSymtab: false, hasDebug: false,
  };
  const phoff = h.word(is64 ? 32 : 28);
  const shoff = h.word(is64 ? 40 : 32);
  const phentsize = h.u16(is64 ? 54 : 42);
  const phnum = h.u16(is64 ? 56 : 44);
  const shentsize = h.u16(is64 ? 58 : 46);
  const shnum = h.u16(is64 ? 60 : 48);
  const shstrndx = h.u16(is64 ? 62 : 50);
  const size = source.size;
  const sane = (off: number, len: number) => off > 0 && len > 0 && off + len <= size && len <= 16 * 1024 * 1024;

  const phLen = phentsize * phnum;
  const shLen = shentsize * shnum;
  const [ph] = await fetch(source, head, sane(phoff, phLen) ? [{ start: phoff, length: phLen }] : [{ start: 0, length: 0 }]);
  const segments: { type: number; offset: number; vaddr: number; filesz: number }[] = [];
  if (ph && ph.length === phLen && phLen > 0) {
    const p = layout.view(ph);
    for (let i = 0; i < phnum; i++) {
      const at = i * phentsize;
      segments.push(is64
        ? { type: p.u32(at), offset: p.word(at + 8), vaddr: p.word(at + 16), filesz: p.word(at + 32) }
        : { type: p.u32(at), offset: p.word(at + 4), vaddr: p.word(at + 8), filesz: p.word(at + 16) });
    }
  }
  const interp = segments.find((s) => s.type === PT_INTERP && sane(s.offset, s.filesz));
  const dynamic = segments.find((s) => s.type === PT_DYNAMIC && sane(s.offset, s.filesz));
  const second: ByteRange[] = [
    interp ? { start: interp.offset, length: interp.filesz } : { start: 0, length: 0 },
    dynamic ? { start: dynamic.offset, length: dynamic.filesz } : { start: 0, length: 0 },
    sane(shoff, shLen) && shentsize >= (is64 ? 64 : 40) ? { start: shoff, length: shLen } : { start: 0, length: 0 },
  ];
  const [interpBuf, dynBuf, shBuf] = await fetch(source, head, second);
  if (interp && interpBuf) info.interpreter = cString(interpBuf, 0);

  // Dynamic entries: (tag, value) pairs of two words; string values index DT_STRTAB.
  const dynEntries: [number, number][] = [];
  if (dynamic && dynBuf && dynBuf.length) {
    const d = layout.view(dynBuf);
    const entsize = is64 ? 16 : 8;
    for (let at = 0; at + entsize <= dynBuf.length; at += entsize) {
      const tag = d.word(at);
      if (tag === 0) break;
      dynEntries.push([tag, d.word(at + entsize / 2)]);
    }
  }
  const strtabAddr = dynEntries.find(([t]) => t === DT_STRTAB)?.[1];
  const strsz = dynEntries.find(([t]) => t === DT_STRSZ)?.[1] ?? 0;
  const load = strtabAddr === undefined ? undefined
    : segments.find((s) => s.type === PT_LOAD && strtabAddr >= s.vaddr && strtabAddr < s.vaddr + s.filesz);
  const strtabOffset = load && strtabAddr !== undefined ? strtabAddr - load.vaddr + load.offset : -1;

  const sections: { name: number; type: number; offset: number; size: number }[] = [];
  if (shBuf && shBuf.length === shLen && shLen > 0) {
    const s = layout.view(shBuf);
    for (let i = 0; i < shnum; i++) {
      const at = i * shentsize;
      sections.push(is64
        ? { name: s.u32(at), type: s.u32(at + 4), offset: s.word(at + 24), size: s.word(at + 32) }
        : { name: s.u32(at), type: s.u32(at + 4), offset: s.word(at + 16), size: s.word(at + 20) });
    }
  }
  const shstr = sections[shstrndx];
  const third: ByteRange[] = [
    sane(strtabOffset, strsz) ? { start: strtabOffset, length: strsz } : { start: 0, length: 0 },
    shstr && shstr.type !== SHT_NOBITS && sane(shstr.offset, shstr.size) ? { start: shstr.offset, length: shstr.size } : { start: 0, length: 0 },
  ];
  const [dynstr, shstrtab] = await fetch(source, head, third);
  if (dynstr && dynstr.length) {
    for (const [tag, value] of dynEntries) {
      if (tag === DT_NEEDED) info.needed.push(cString(dynstr, value));
      else if (tag === DT_SONAME) info.soname = cString(dynstr, value);
      else if (tag === DT_RPATH) info.rpath.push(...cString(dynstr, value).split(':'));
      else if (tag === DT_RUNPATH) info.runpath.push(...cString(dynstr, value).split(':'));
    }
  }
  if (shstrtab && shstrtab.length) {
    for (const section of sections) {
      const name = cString(shstrtab, section.name);
      if (name === '.symtab') info.hasSymtab = true;
      else if (name.startsWith('.debug_') || name.startsWith('.zdebug_')) info.hasDebug = true;
    }
  }
  return info;
}

/** What an ELF file links against and what it provides: its DT_NEEDED entries and DT_SONAME. */
export interface ElfLinkage {
  needed: string[];
  soname?: string;
}

/**
 * The linkage of one file, read from its headers only; undefined when it is not ELF or not parsable.
 * The one place that lists sonames, for lint's undeclared-soname check and for dependency generation.
 */
export async function elfLinkage(source: ContentSource): Promise<ElfLinkage | undefined> {
  const [head] = await readRanges(source, [{ start: 0, length: 4096 }]);
  if (!head || !isElf(head)) return undefined;
  try {
    const elf = await parseElf(source, head);
    return elf.soname === undefined ? { needed: elf.needed } : { needed: elf.needed, soname: elf.soname };
  } catch {
    return undefined;
  }
}
